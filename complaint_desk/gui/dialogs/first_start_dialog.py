"""First start: the database is new. Ask for the office's code and name and the administrator's
password (user ``admin``, typed twice), and offer to add fictitious demo cases (generated off
the GUI thread, with progress and cancel)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.errors import DomainError
from complaint_desk.gui import tasks
from complaint_desk.gui.dialogs.change_password_dialog import NewPasswordFields
from complaint_desk.i18n import _, error_text
from complaint_desk.services.offices import init_office
from complaint_desk.store.database import Database

ADMIN_USERNAME = "admin"


class FirstStartDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Welcome to Complaint Desk"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("BKK1")
        self.code.setMaxLength(10)
        self.name = QLineEdit()
        self.name.setPlaceholderText("สำนักงานเคหะชุมชนกรุงเทพฯ 1")
        self.demo = QCheckBox(_("Add fictitious demo cases to try the program"))
        self.demo_count = QSpinBox()
        self.demo_count.setRange(100, 1_000_000)
        self.demo_count.setSingleStep(1000)
        self.demo_count.setValue(5000)
        self.demo_count.setEnabled(False)
        self.demo.toggled.connect(self.demo_count.setEnabled)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("Office code"), self.code)
        form.addRow(_("Office name"), self.name)
        admin = QLabel(_("The administrator signs in as <b>{username}</b> with this password "
                         "(at least 8 characters):").format(username=ADMIN_USERNAME))
        admin.setWordWrap(True)
        form.addRow(admin)
        self.password = NewPasswordFields(form)
        form.addRow("", self.demo)
        form.addRow(_("Number of demo cases"), self.demo_count)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("This computer has no complaint database yet. "
                                  "Which office is it for?")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.task: tasks.Task | None = None

    def accept(self) -> None:
        try:
            init_office(self.db, code=self.code.text(), name=self.name.text(),
                        admin_username=ADMIN_USERNAME, admin_password=self.password.value())
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        if self.demo.isChecked():
            self.generate_demo(self.demo_count.value())
        super().accept()

    def generate_demo(self, count: int) -> None:
        """Generate on the thread pool; a modal progress dialog can cancel between batches."""
        from complaint_desk.services.demo import generate_demo

        progress = QProgressDialog(_("Adding demo cases…"), _("Stop"), 0, count, self)
        progress.setWindowTitle(_("Demo data"))
        progress.setMinimumDuration(0)
        task = tasks.Task(lambda report: generate_demo(self.db, count, progress=report))
        task.signals.progress.connect(lambda done, total: progress.setValue(done))
        task.signals.finished.connect(lambda _result: progress.reset())
        task.signals.failed.connect(lambda error, _trace: (
            progress.reset(), self.error.setText(str(error))))
        progress.canceled.connect(task.cancel)
        self.task = tasks.start(task)
        progress.exec()
        task.done.wait()
