"""Help → About: the program's names, version, licences of what it ships."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from complaint_desk import __version__
from complaint_desk.gui.icons import application_icon
from complaint_desk.i18n import _

THAI_NAME = "ระบบจัดการข้อร้องเรียน"
ENGLISH_NAME = "Complaint Desk"


class AboutDialog(QDialog):
    def __init__(self, office: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Complaint Desk"))
        icon = QLabel(self)
        icon.setPixmap(application_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(self)
        text.setObjectName("aboutText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setOpenExternalLinks(False)
        lines = [
            f"<p style='font-size:16pt'><b>{THAI_NAME}</b><br>{ENGLISH_NAME}</p>",
            "<p>" + escape(_("Version {version}").format(version=__version__)) + "</p>",
            "<p>" + escape(_("Complaint handling the ISO 10002 way for the regional offices of "
                             "the National Housing Authority, offline.")) + "</p>",
        ]
        if office:
            lines.append("<p>" + escape(_("This database: {office}").format(office=office))
                         + "</p>")
        lines.append("<p style='color:#555'>" + escape(_(
            "The Sarabun font (copyright 2018 The Sarabun Project Authors) is used under the "
            "SIL Open Font License 1.1 (resources/fonts/OFL.txt): it may be used, shared and "
            "embedded in documents freely.")) + "</p>")
        text.setText("".join(lines))
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
