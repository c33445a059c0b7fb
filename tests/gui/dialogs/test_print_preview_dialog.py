"""The print preview makes the PDF off the GUI thread, shows it, prints and saves it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.gui.dialogs import print_preview_dialog as preview
from complaint_desk.services.users import actor_for


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_the_monthly_report_is_made_off_the_gui_thread_and_shown(qtbot, report_db, tmp_path,
                                                                  monkeypatch):
    threads = []
    from complaint_desk.services import reports

    real = reports.write_monthly_report

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(reports, "write_monthly_report", spy)
    dialog = preview.monthly_report_preview(report_db, actor_for(report_db, "bkk1.supervisor"),
                                            2024, 8)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=30_000):
        pass
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.document.pageCount() >= 2
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.progress.value() == dialog.progress.maximum()
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(1500)  # QPdfView renders pages in the background
    dialog.grab().save(str(tmp_path / "preview.png"))
    assert (tmp_path / "preview.png").stat().st_size > 5_000

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_document()
    assert target.read_bytes() == Path(dialog.path).read_bytes()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.render_to_printer(dialog.document, printer) == dialog.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000


def test_a_refusal_is_shown_in_thai_and_nothing_is_enabled(qtbot, monkeypatch, thai):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))

    def refuse(path, progress):
        raise ValidationError(N_("Not a valid month (expected e.g. 2567-08): {value}"),
                              value="13")

    dialog = preview.PrintPreviewDialog("x", refuse)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10_000):
        pass
    assert shown and "เดือนไม่ถูกต้อง" in shown[0]
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()


@pytest.mark.parametrize("make", ["letter_preview", "case_record_preview"])
def test_case_documents_preview_for_an_officer(qtbot, report_db, make):
    with report_db.engine.connect() as connection:
        (reference,) = connection.exec_driver_sql(
            "SELECT reference FROM complaints WHERE level IS NOT NULL LIMIT 1").one()
    dialog = getattr(preview, make)(report_db, actor_for(report_db, "bkk1.officer"), reference)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=30_000):
        pass
    assert dialog.document.pageCount() >= 1
