"""PySide6 6.12.0 drops a reference to None on every Qt call that returns None, and Python 3.11
aborts ("none_dealloc") after a few thousand such calls. pyproject pins <6.12; this loop makes
an upgrade that brings the bug back fail the suite instead of crashing an office's PC."""

import subprocess
import sys

CODE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for i in range(20000):
    label.setText("x")        # returns None
    label.setToolTip("y")     # returns None
after = sys.getrefcount(None)
print(before - after)
"""


def test_twenty_thousand_none_returning_qt_calls_keep_none_alive():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert abs(int(done.stdout.strip().splitlines()[-1])) < 1000
