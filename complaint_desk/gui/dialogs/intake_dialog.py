"""Recording a new complaint (การรับข้อร้องเรียน) with every receipt field.

Validation is inline: each field's message (domain/intake.py ``Intake.errors``) appears under
it once the field was left, and under every field at the first save. Possible duplicates (the
same complainant, or the same place and category, in the last 90 days) are listed as links
while typing and must be confirmed before saving. Nothing is written until the form is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from html import escape
from pathlib import Path

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.complaint import Actor, Channel
from complaint_desk.domain.errors import DomainError, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.gui.labels import CategoryNames, channel_text, date_text, status_text
from complaint_desk.gui.widgets.be_date_edit import BeDateEdit
from complaint_desk.i18n import _, error_text, ngettext
from complaint_desk.services import attachments as attachment_service
from complaint_desk.services import case_list
from complaint_desk.services import complaints as svc
from complaint_desk.services.case_list import DuplicateHint
from complaint_desk.store.database import Database

ERROR_STYLE = "color: #b00020;"
DUPLICATE_CHECK_DELAY_MS = 500


class IntakeDialog(QDialog):
    case_link_clicked = Signal(str)  # a possible duplicate's reference

    def __init__(self, db: Database, actor: Actor, categories: CategoryNames, *,
                 attachment_root: Path, clock: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.clock = db, actor, clock
        self.categories = categories
        self.attachment_root = attachment_root
        self.reference: str | None = None
        self.duplicates: list[DuplicateHint] = []
        self.attachment_paths: list[Path] = []
        self._touched: set[str] = set()
        self.setWindowTitle(_("New complaint"))
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self._forms: dict[str, QFormLayout] = {}
        self._build()
        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_CHECK_DELAY_MS)
        self._duplicate_timer.timeout.connect(self.check_duplicates)

    # --- building ------------------------------------------------------------------------

    def _row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> QWidget:
        form.addRow(label, widget)
        message = QLabel()
        message.setObjectName(f"error_{name}")
        message.setStyleSheet(ERROR_STYLE)
        message.setWordWrap(True)
        form.addRow(message)  # the whole row's width: Thai messages are long
        form.setRowVisible(message, False)
        self._forms[name] = form
        self.fields[name] = widget
        self.messages[name] = message
        return widget

    def _build(self) -> None:
        now = self.clock()
        receipt, receipt_form = self._group(_("Receipt"))
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel_text(channel.value), channel.value)
        self._row(receipt_form, "channel", _("Channel"), self.channel)
        when = QWidget()
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        self.received_date = BeDateEdit(field="received_at", allow_empty=False)
        self.received_date.set_date(now.date())
        self.received_time = QTimeEdit(QTime(now.hour, now.minute))
        self.received_time.setDisplayFormat("HH:mm")
        when_layout.addWidget(self.received_date, 1)
        when_layout.addWidget(self.received_time)
        self._row(receipt_form, "received_at", _("Received"), when)

        person, person_form = self._group(_("Complainant"))
        self.anonymous = QCheckBox(_("Anonymous (no name given)"))
        self._row(person_form, "complainant_anonymous", "", self.anonymous)
        self.name = self._row(person_form, "complainant_name", _("Name"), QLineEdit())
        self.national_id = self._row(person_form, "complainant_national_id", _("National ID"),
                                     QLineEdit())
        self.national_id.setPlaceholderText("1 2345 67890 12 3")
        self.phone = self._row(person_form, "complainant_phone", _("Phone"), QLineEdit())
        self.email = self._row(person_form, "complainant_email", _("E-mail"), QLineEdit())
        self.address = self._row(person_form, "complainant_address", _("Address"), QLineEdit())

        place, place_form = self._group(_("Where"))
        self.project = self._row(place_form, "project", _("Housing project"), QLineEdit())
        self.building = self._row(place_form, "building", _("Building"), QLineEdit())
        self.unit = self._row(place_form, "unit", _("Unit"), QLineEdit())

        matter, matter_form = self._group(_("The complaint"))
        self.subject = self._row(matter_form, "subject", _("Subject"), QLineEdit())
        self.description = self._row(matter_form, "description", _("What happened"),
                                     self._text_box(90))
        self.request = self._row(matter_form, "request", _("What is asked for"),
                                 self._text_box(50))
        self.category = QComboBox()
        self.category.addItem(_("(assess later)"), "")
        for code, label in self.categories.choices():
            self.category.addItem(label, code)
        self._row(matter_form, "category_code", _("Category"), self.category)
        self.about_staff = QCheckBox(_("About staff (protect the complainant's identity)"))
        self._row(matter_form, "about_staff", "", self.about_staff)
        files = QWidget()
        files_layout = QHBoxLayout(files)
        files_layout.setContentsMargins(0, 0, 0, 0)
        self.attachment_list = QListWidget()
        self.attachment_list.setMaximumHeight(60)
        add, remove = QPushButton(_("Add…")), QPushButton(_("Remove"))
        add.clicked.connect(self.choose_attachments)
        remove.clicked.connect(self._remove_attachment)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        files_layout.addWidget(self.attachment_list, 1)
        files_layout.addLayout(buttons)
        self._row(matter_form, "attachments", _("Attachments"), files)

        self.duplicate_panel = QLabel()
        self.duplicate_panel.setObjectName("duplicates")
        self.duplicate_panel.setWordWrap(True)
        self.duplicate_panel.setStyleSheet("background:#fff4d6; padding:6px;")
        self.duplicate_panel.linkActivated.connect(
            lambda link: self.case_link_clicked.emit(link.removeprefix("case:")))
        self.duplicate_panel.hide()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(receipt, 0, 0)
        grid.addWidget(person, 1, 0)
        grid.addWidget(place, 2, 0)
        grid.addWidget(matter, 0, 1, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.duplicate_panel)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._connect()
        self.resize(1040, 720)

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    @staticmethod
    def _text_box(height: int) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)
        box.setMinimumHeight(height)
        return box

    def _connect(self) -> None:
        def left(name: str) -> Callable[[], None]:
            def handler() -> None:
                self._touched.add(name)
                self.validate()
            return handler

        for name in ("complainant_name", "complainant_national_id", "complainant_phone",
                     "complainant_email", "complainant_address", "project", "building", "unit",
                     "subject"):
            line = self.fields[name]
            assert isinstance(line, QLineEdit)
            line.editingFinished.connect(left(name))
            line.textChanged.connect(lambda _t: self._revalidate())
        for name in ("description", "request"):
            box = self.fields[name]
            assert isinstance(box, QPlainTextEdit)
            box.textChanged.connect(lambda n=name: (self._touched.add(n), self._revalidate()))
        self.received_date.changed.connect(left("received_at"))
        self.received_time.timeChanged.connect(lambda _t: self._revalidate())
        self.anonymous.toggled.connect(self._anonymous_changed)
        for widget in (self.name, self.national_id, self.project, self.building, self.unit):
            widget.textChanged.connect(lambda _t: self._duplicate_timer.start())
        self.category.currentIndexChanged.connect(lambda _i: self._duplicate_timer.start())

    def _anonymous_changed(self, anonymous: bool) -> None:
        for widget in (self.name, self.national_id, self.address):
            widget.setEnabled(not anonymous)
        self._revalidate()
        self._duplicate_timer.start()

    # --- reading the form ----------------------------------------------------------------

    def received_at(self) -> datetime:
        day = self.received_date.value()
        assert day is not None  # allow_empty=False raises instead
        t = self.received_time.time()
        return datetime.combine(day, time(t.hour(), t.minute()))

    def intake(self) -> Intake:
        """The form as an Intake; raises ValidationError if the date cannot be read."""
        return Intake(
            channel=self.channel.currentData(), received_at=self.received_at(),
            subject=self.subject.text(), description=self.description.toPlainText(),
            complainant_anonymous=self.anonymous.isChecked(),
            complainant_name=self.name.text(), complainant_national_id=self.national_id.text(),
            complainant_phone=self.phone.text(), complainant_email=self.email.text(),
            complainant_address=self.address.text(), project=self.project.text(),
            building=self.building.text(), unit=self.unit.text(),
            request=self.request.toPlainText(), category_code=self.category.currentData(),
            about_staff=self.about_staff.isChecked())

    def validate(self) -> list[ValidationError]:
        """Show the message of every touched field; return all the form's errors."""
        try:
            errors = self.intake().errors(self.clock())
        except ValidationError as error:
            errors = [error]
        by_field: dict[str, str] = {}
        for error in errors:
            by_field.setdefault(error.field or "", error_text(error))
        for name, label in self.messages.items():
            text = by_field.get(name, "") if name in self._touched else ""
            label.setText(text)
            self._forms[name].setRowVisible(label, bool(text))
        return errors

    def _revalidate(self) -> None:
        if self._touched:
            self.validate()

    def error_of(self, field: str) -> str:
        """The message shown under a field ("" when none): for tests and screen readers."""
        label = self.messages[field]
        return label.text() if self._forms[field].isRowVisible(label) else ""

    # --- duplicates and attachments ------------------------------------------------------

    def check_duplicates(self) -> list[DuplicateHint]:
        self._duplicate_timer.stop()
        try:
            intake = self.intake()
        except ValidationError:
            return self.duplicates
        self.duplicates = case_list.possible_duplicates(self.db, intake, self.clock())
        if not self.duplicates:
            self.duplicate_panel.hide()
            return self.duplicates
        lines = [escape(_("Possible duplicates in the last 90 days:"))]
        for hint in self.duplicates:
            why = _("same complainant") if hint.same_complainant else _("same place and category")
            lines.append(f"<a href='case:{escape(hint.reference)}'>{escape(hint.reference)}</a> "
                         f"· {escape(date_text(hint.received_at))} · {escape(hint.subject)} · "
                         f"{escape(status_text(hint.status))} ({escape(why)})")
        self.duplicate_panel.setText("<br>".join(lines))
        self.duplicate_panel.show()
        return self.duplicates

    def choose_attachments(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Add attachments"))
        for name in names:
            self.add_attachment(Path(name))

    def add_attachment(self, path: Path) -> bool:
        if path.stat().st_size > attachment_service.MAX_ATTACHMENT_BYTES:
            self.messages["attachments"].setText(error_text(ValidationError(
                "{name} is larger than {limit} MB.", name=path.name,
                limit=attachment_service.MAX_ATTACHMENT_BYTES // (1024 * 1024))))
            self._forms["attachments"].setRowVisible(self.messages["attachments"], True)
            return False
        self.attachment_paths.append(path)
        self.attachment_list.addItem(path.name)
        return True

    def _remove_attachment(self) -> None:
        row = self.attachment_list.currentRow()
        if row >= 0:
            self.attachment_list.takeItem(row)
            del self.attachment_paths[row]

    # --- saving --------------------------------------------------------------------------

    def accept(self) -> None:
        self._touched = set(self.fields)
        errors = self.validate()
        if errors:
            count = len(errors)
            self.summary.setText(ngettext("Correct the {n} field marked in red.",
                                          "Correct the {n} fields marked in red.", count)
                                 .format(n=count))
            self.summary.show()
            self.fields.get(errors[0].field or "", self.subject).setFocus()
            return
        self.summary.hide()
        if self.check_duplicates():
            count = len(self.duplicates)
            answer = QMessageBox.question(
                self, _("Possible duplicate"),
                ngettext("This complaint may repeat {n} recent case (listed in the form). "
                         "Record it anyway?",
                         "This complaint may repeat {n} recent cases (listed in the form). "
                         "Record it anyway?", count).format(n=count),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.reference = svc.record_complaint(self.db, self.actor, self.intake(),
                                                  clock=self.clock)
        except DomainError as error:
            self.summary.setText(error_text(error))
            self.summary.show()
            return
        failed = []
        for path in self.attachment_paths:
            try:
                attachment_service.add_attachment(self.db, self.actor, self.reference, path,
                                                  root=self.attachment_root, clock=self.clock)
            except (DomainError, OSError) as error:
                reason = error_text(error) if isinstance(error, DomainError) else error
                failed.append(f"{path.name}: {reason}")
        if failed:
            QMessageBox.warning(self, _("Attachments"),
                                _("Case {reference} was recorded, but these files could not be "
                                  "attached:").format(reference=self.reference)
                                + "\n" + "\n".join(failed))
        super().accept()
