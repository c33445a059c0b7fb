"""One dialog per workflow step (assigning a level has its own module). Each passes the
version the user saw, so a case changed meanwhile is refused, not overwritten."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from complaint_desk.domain.complaint import NotAcceptedReason, ReviewRoute, Severity
from complaint_desk.domain.workflow import ACTION_LABELS, Action
from complaint_desk.gui.dialogs.step_dialog import StepDialog
from complaint_desk.gui.labels import CategoryNames, reason_text, route_text, severity_text
from complaint_desk.gui.widgets.be_date_edit import BeDateEdit
from complaint_desk.i18n import N_, _
from complaint_desk.services import complaints as svc

ACK_METHODS = (("telephone", N_("By telephone")), ("letter", N_("By letter")),
               ("email", N_("By e-mail")), ("in_person", N_("In person")),
               ("line", N_("By LINE")))


def text_box(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


def plain(widget: QPlainTextEdit | QLineEdit) -> str:
    return (widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()).strip()


class AcknowledgeDialog(StepDialog):
    title = ACTION_LABELS[Action.ACKNOWLEDGE]

    def build(self) -> None:
        self.method = QComboBox()
        for code, label in ACK_METHODS:
            self.method.addItem(_(label), code)
        self.add_field("method", _("Acknowledged"), self.method)

    def perform(self) -> str:
        return svc.acknowledge(self.db, self.actor, self.complaint.reference, clock=self.clock,
                               expected_version=self.complaint.version,
                               method=self.method.currentData())


class AssessDialog(StepDialog):
    title = ACTION_LABELS[Action.ASSESS]

    def __init__(self, *args: object, categories: CategoryNames, **kwargs: object) -> None:
        self.categories = categories
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def build(self) -> None:
        self.accepted_choice = QRadioButton(_("Accept the complaint"))
        self.rejected_choice = QRadioButton(_("Do not accept"))
        self.accepted_choice.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.accepted_choice)
        group.addButton(self.rejected_choice)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.accepted_choice)
        layout.addWidget(self.rejected_choice)
        layout.addStretch(1)
        self.form.addRow(_("Decision"), row)
        self.category = QComboBox()
        self.category.addItem("", "")
        for code, label in self.categories.choices():
            self.category.addItem(label, code)
        if self.complaint.category_code:
            self.category.setCurrentIndex(self.category.findData(self.complaint.category_code))
        self.add_field("category_code", _("Category"), self.category)
        self.severity = QComboBox()
        self.severity.addItem("", "")
        for severity in Severity:
            self.severity.addItem(severity_text(severity.value), severity.value)
        self.add_field("severity", _("Severity"), self.severity)
        self.significant = QCheckBox(_("Significant complaint (goes to level 4)"))
        self.add_field("significant", "", self.significant)
        self.about_staff = QCheckBox(_("About staff (protect the complainant's identity)"))
        self.about_staff.setChecked(self.complaint.about_staff)
        self.add_field("about_staff", "", self.about_staff)
        self.reason = QComboBox()
        self.reason.addItem("", "")
        for reason in NotAcceptedReason:
            self.reason.addItem(reason_text(reason.value), reason.value)
        self.add_field("not_accepted_reason", _("Reason not accepted"), self.reason)
        self.duplicate_of = QLineEdit()
        self.duplicate_of.setPlaceholderText("BKK1-2567-00042")
        self.add_field("duplicate_of", _("Duplicate of"), self.duplicate_of)
        self.note = text_box(50)
        self.add_field("note", _("Note"), self.note)
        self.accepted_choice.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        accepted = self.accepted_choice.isChecked()
        for name in ("severity", "significant", "about_staff"):
            self.field_widgets[name].setEnabled(accepted)
        for name in ("not_accepted_reason", "duplicate_of", "note"):
            self.field_widgets[name].setEnabled(not accepted)

    def needs_confirmation(self) -> str | None:
        if self.rejected_choice.isChecked():
            return N_("Not accepting closes case {reference}. Continue?")
        return None

    def perform(self) -> str:
        accepted = self.accepted_choice.isChecked()
        return svc.assess(
            self.db, self.actor, self.complaint.reference, accepted=accepted,
            category_code=self.category.currentData() or None,
            severity=(self.severity.currentData() or None) if accepted else None,
            significant=accepted and self.significant.isChecked(),
            about_staff=self.about_staff.isChecked(),
            not_accepted_reason=None if accepted else (self.reason.currentData() or None),
            note=None if accepted else (plain(self.note) or None),
            duplicate_of=None if accepted else (plain(self.duplicate_of).upper() or None),
            clock=self.clock, expected_version=self.complaint.version)


class NoteDialog(StepDialog):
    title = ACTION_LABELS[Action.ADD_NOTE]

    def build(self) -> None:
        self.text = text_box(120)
        self.add_field("note", _("Facts found, actions taken"), self.text)

    def perform(self) -> str:
        return svc.add_note(self.db, self.actor, self.complaint.reference, plain(self.text),
                            clock=self.clock)


class RespondDialog(StepDialog):
    title = ACTION_LABELS[Action.RESPOND]

    def build(self) -> None:
        self.decision = text_box()
        self.reasons = text_box()
        self.redress = text_box(50)
        self.communicated = BeDateEdit(field="communicated_on")
        self.communicated.set_date(self.clock().date())
        self.add_field("decision", _("Decision"), self.decision)
        self.add_field("reasons", _("Reasons for the decision"), self.reasons)
        self.add_field("redress", _("Redress or remedy offered"), self.redress)
        self.add_field("communicated_on", _("Communicated to the complainant on"),
                       self.communicated)
        self.outcome = text_box(50)
        if self.complaint.review_count:
            self.add_field("review_outcome", _("Review outcome"), self.outcome)

    def perform(self) -> str:
        return svc.respond(self.db, self.actor, self.complaint.reference,
                           decision=plain(self.decision), reasons=plain(self.reasons),
                           redress=plain(self.redress) or None,
                           communicated_on=self.communicated.value(),
                           review_outcome=plain(self.outcome) or None, clock=self.clock,
                           expected_version=self.complaint.version)


class CloseDialog(StepDialog):
    title = ACTION_LABELS[Action.CLOSE]
    confirm_text = N_("Close case {reference}? A closed case can only be reopened by a review.")

    def build(self) -> None:
        self.accepts = QComboBox()
        for label, value in ((N_("Accepts the outcome"), True),
                             (N_("Does not accept the outcome"), False),
                             (N_("Not known"), None)):
            self.accepts.addItem(_(label), value)
        self.satisfaction = QComboBox()
        self.satisfaction.addItem(_("Not given"), None)
        for score in range(5, 0, -1):
            self.satisfaction.addItem(str(score), score)
        self.root_cause = text_box(50)
        self.corrective = text_box(50)
        self.add_field("complainant_accepts", _("Complainant"), self.accepts)
        self.add_field("satisfaction", _("Satisfaction (1-5)"), self.satisfaction)
        self.add_field("root_cause", _("Root cause"), self.root_cause)
        self.add_field("corrective_action", _("Corrective action"), self.corrective)

    def perform(self) -> str:
        return svc.close_complaint(self.db, self.actor, self.complaint.reference,
                                   complainant_accepts=self.accepts.currentData(),
                                   satisfaction=self.satisfaction.currentData(),
                                   root_cause=plain(self.root_cause) or None,
                                   corrective_action=plain(self.corrective) or None,
                                   clock=self.clock, expected_version=self.complaint.version)


class StartReviewDialog(StepDialog):
    title = ACTION_LABELS[Action.START_REVIEW]

    def build(self) -> None:
        self.route = QComboBox()
        for route in ReviewRoute:
            self.route.addItem(route_text(route.value), route.value)
        self.body = QLineEdit()
        self.body.setPlaceholderText(_("e.g. the Administrative Court, the Ombudsman"))
        self.add_field("review_route", _("Review route"), self.route)
        self.add_field("review_body", _("Reviewing body"), self.body)
        self.route.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.body.setEnabled(self.route.currentData() == ReviewRoute.EXTERNAL.value)

    def perform(self) -> str:
        return svc.start_review(self.db, self.actor, self.complaint.reference,
                                route=self.route.currentData(),
                                body=plain(self.body) or None, clock=self.clock,
                                expected_version=self.complaint.version)


class WithdrawDialog(StepDialog):
    title = ACTION_LABELS[Action.WITHDRAW]
    confirm_text = N_("Withdraw case {reference}? A withdrawn case cannot be reviewed.")

    def build(self) -> None:
        self.note = text_box(60)
        self.add_field("note", _("Note"), self.note)

    def perform(self) -> str:
        return svc.withdraw(self.db, self.actor, self.complaint.reference,
                            note=plain(self.note) or None, clock=self.clock,
                            expected_version=self.complaint.version)
