"""Administration → Office: the office's particulars every letter and report prints (name in
Thai and English, address, telephone, e-mail, emblem, letter number prefix, each document's
signer, the contact line). The emblem is read from a file, previewed, and kept in the database
(services/office_settings.py checks it and records each change). Only an admin may save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain import office
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.domain.permissions import Permission, has_permission
from complaint_desk.gui.dialogs.login_dialog import error_label
from complaint_desk.i18n import _, error_text
from complaint_desk.services import office_settings
from complaint_desk.store.database import Database

OFFICE_GROUP = (office.OFFICE_NAME, office.OFFICE_NAME_EN, office.ADDRESS, office.PHONE,
                office.EMAIL)
LETTER_GROUP = (office.LETTER_PREFIX, office.ACK_SIGNER_NAME, office.ACK_SIGNER_POSITION,
                office.REPORT_SIGNER_NAME, office.REPORT_SIGNER_POSITION, office.CONTACT)
PREVIEW_SIZE = 96


class OfficeDialog(QDialog):
    """``fields[key]`` is each value's widget; ``load_logo(path)`` takes an emblem file."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 first_start: bool = False) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(_("The office"))
        self.saved = office_settings.office_settings(db, actor)
        self.logo: bytes | None = office_settings.logo(db)
        self.logo_changed = False
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        if first_start:
            intro = QLabel(_("Enter the office's address and emblem, which letters and "
                             "reports print. You may skip this and set them later under "
                             "Administration → Office."))
            intro.setWordWrap(True)
            layout.addWidget(intro)
        columns = QHBoxLayout()
        columns.addWidget(self._group(_("The office"), OFFICE_GROUP, with_logo=True), 1)
        columns.addWidget(self._group(_("Letters and reports"), LETTER_GROUP), 1)
        layout.addLayout(columns)
        self.may_change = has_permission(actor.role, Permission.CHANGE_SETTINGS)
        if not self.may_change:
            layout.addWidget(QLabel(_("Only the administrator may change these.")))
            for widget in (*self.fields.values(), self.choose_logo, self.remove_logo):
                widget.setEnabled(False)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.save_button.setEnabled(self.may_change)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Skip") if first_start else _("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_logo()

    def _group(self, title: str, keys: tuple[str, ...], with_logo: bool = False) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        # the letters' labels are long: each above its field, so that the field keeps its width
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows if with_logo
                              else QFormLayout.RowWrapPolicy.WrapAllRows)
        for key in keys:
            widget: QLineEdit | QPlainTextEdit
            if key in office.MULTI_LINE:
                widget = QPlainTextEdit(self.saved[key])
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 4 + 12)
            else:
                widget = QLineEdit(self.saved[key])
                widget.setMaxLength(office.MAX_LINE)
            widget.setObjectName(key)
            self.fields[key] = widget
            form.addRow(_(office.OFFICE_LABELS[key]), widget)
        if with_logo:
            self.preview = QLabel()
            self.preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
            self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.preview.setStyleSheet("border: 1px solid #b0b0b0;")
            self.choose_logo = QPushButton(_("Choose an image…"))
            self.choose_logo.clicked.connect(self._choose_logo)
            self.remove_logo = QPushButton(_("Remove"))
            self.remove_logo.clicked.connect(self._remove_logo)
            side = QVBoxLayout()
            side.addWidget(self.choose_logo)
            side.addWidget(self.remove_logo)
            side.addWidget(QLabel(_("PNG or JPEG, at most {limit} MB").format(
                limit=office.MAX_LOGO_BYTES // 1024 // 1024)))
            side.addStretch(1)
            row = QHBoxLayout()
            row.addWidget(self.preview)
            row.addLayout(side, 1)
            form.addRow(_(office.OFFICE_LABELS[office.LOGO]), row)
        return box

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo is not None and pixmap.loadFromData(self.logo):
            self.preview.setPixmap(pixmap.scaled(
                PREVIEW_SIZE - 4, PREVIEW_SIZE - 4, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No emblem"))
        self.remove_logo.setEnabled(self.logo is not None and
                                    has_permission(self.actor.role, Permission.CHANGE_SETTINGS))

    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("The office's emblem"), "", _("Images (*.png *.jpg *.jpeg *.svg)"))
        if path:
            self.load_logo(path)

    def load_logo(self, path: str) -> bool:
        """Take the emblem from a file: previewed now, stored on Save; a bad file is refused
        with a message and the emblem shown before stays."""
        try:
            data = office_settings.read_logo_file(path)
        except DomainError as error:
            self._refuse(error)
            return False
        self.logo, self.logo_changed = data, True
        self.error.hide()
        self._show_logo()
        return True

    def _remove_logo(self) -> None:
        self.logo, self.logo_changed = None, True
        self._show_logo()

    def values(self) -> dict[str, str]:
        return {key: widget.toPlainText() if isinstance(widget, QPlainTextEdit)
                else widget.text() for key, widget in self.fields.items()}

    def _refuse(self, error: DomainError) -> None:
        self.error.setText(error_text(error))
        self.error.show()
        if error.field in self.fields:
            self.fields[error.field].setFocus()

    def accept(self) -> None:
        if not self.may_change:
            super().reject()
            return
        changed = {k: v for k, v in self.values().items() if v != self.saved.get(k)}
        try:
            office_settings.change_office_settings(
                self.db, self.actor, changed,
                logo=self.logo if self.logo_changed else None,
                remove_logo=self.logo_changed and self.logo is None)
        except DomainError as error:
            self._refuse(error)
            return
        super().accept()
