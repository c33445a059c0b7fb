"""The selected case: the steps the user may take, every field, attachments, and the timeline
of events (who, when, what changed), newest first.

The complainant's identity arrives masked (``ส***ย ใ***``); roles that may see it get the
button "show the complainant's data", whose view the main window asks of
services/privacy.reveal_personal_data (recorded), then hands to ``show_identity``."""

from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain import workflow
from complaint_desk.domain.complaint import PERSONAL_FIELDS, Complaint
from complaint_desk.domain.permissions import Permission, has_permission
from complaint_desk.domain.workflow import ACTION_LABELS, Action
from complaint_desk.gui.field_labels import event_label, field_label, value_text
from complaint_desk.gui.labels import CategoryNames, datetime_text, status_text
from complaint_desk.i18n import N_, _, ngettext
from complaint_desk.services.case_list import CaseDetail

# The fields in the order an officer reads a case (receipt, assessment, handling, outcome).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Receipt"), ("channel", "received_at", "complainant_name", "complainant_national_id",
                 "complainant_phone", "complainant_email", "complainant_address", "project",
                 "building", "unit", "description", "request", "ack_due_on", "acknowledged_at",
                 "notice_due_on")),
    (N_("Assessment"), ("category_code", "severity", "significant", "about_staff", "assessed_at",
                    "not_accepted_reason", "not_accepted_note", "duplicate_of")),
    (N_("Handling"), ("level", "responsible_unit", "responsible_person", "due_on")),
    (N_("Response and closing"), ("decision", "reasons", "redress", "responded_at",
                              "communicated_on", "closed_at", "complainant_accepts",
                              "satisfaction", "root_cause", "corrective_action")),
    (N_("Review"), ("review_count", "review_route", "review_body", "reviewed_at",
                "review_outcome")),
)
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class DetailPane(QWidget):
    action_requested = Signal(object)  # Action
    attach_requested = Signal()
    attachment_opened = Signal(int)
    reveal_requested = Signal()

    def __init__(self, categories: CategoryNames, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._categories = categories
        self.complaint: Complaint | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.buttons: dict[Action, QPushButton] = {}
        actions = QHBoxLayout()
        actions.setSpacing(4)
        for action in Action:
            if action is Action.RECORD:
                continue
            button = QPushButton(_(ACTION_LABELS[action]), self)
            button.setObjectName(f"action_{action.value}")
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, a=action: self.action_requested.emit(a))
            self.buttons[action] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.reveal_button = QPushButton(_("Show the complainant's data"), self)
        self.reveal_button.setObjectName("revealIdentity")
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.reveal_button.hide()
        self.revealed = False
        self.detail: CaseDetail | None = None
        self.fields = QTextBrowser(self)
        self.fields.setObjectName("caseFields")
        self.fields.setOpenLinks(False)
        self.attachments = QListWidget(self)
        self.attachments.setObjectName("attachments")
        self.attachments.setMaximumHeight(90)
        self.attach_button = QPushButton(_("Add attachment…"), self)
        self.attach_button.setEnabled(False)
        self.attach_button.clicked.connect(self.attach_requested)
        self.attachments.itemActivated.connect(
            lambda item: self.attachment_opened.emit(int(item.data(ATTACHMENT_ROLE))))
        self.timeline = QTextBrowser(self)
        self.timeline.setObjectName("timeline")

        files = QWidget(self)
        files_layout = QVBoxLayout(files)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_row = QHBoxLayout()
        files_row.addWidget(QLabel("<b>" + escape(_("Attachments")) + "</b>"))
        files_row.addStretch(1)
        files_row.addWidget(self.attach_button)
        files_layout.addLayout(files_row)
        files_layout.addWidget(self.attachments)
        timeline_box = QWidget(self)
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addWidget(QLabel("<b>" + escape(_("Timeline (newest first)")) + "</b>"))
        timeline_layout.addWidget(self.timeline)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(self.fields)
        self.splitter.addWidget(files)
        self.splitter.addWidget(timeline_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(actions)
        reveal_row = QHBoxLayout()
        reveal_row.addStretch(1)
        reveal_row.addWidget(self.reveal_button)
        layout.addLayout(reveal_row)
        layout.addWidget(self.splitter, 1)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.complaint = None
        self.detail = None
        self.reveal_button.hide()
        self.heading.setText("<i>" + escape(_("Choose a case in the list.")) + "</i>")
        for button in self.buttons.values():
            button.setEnabled(False)
        self.attach_button.setEnabled(False)
        self.fields.clear()
        self.attachments.clear()
        self.timeline.clear()

    def show_case(self, detail: CaseDetail, role: str) -> None:
        c = detail.complaint
        self.complaint = c
        self.detail = detail
        self.revealed = False
        self.reveal_button.setVisible(has_permission(role, Permission.SEE_PERSONAL_DATA)
                                      and not detail.personal_data_hidden
                                      and not c.complainant_anonymous
                                      and any(getattr(c, n) for n in PERSONAL_FIELDS))
        allowed = set(workflow.allowed_actions(c, role))
        for action, button in self.buttons.items():
            button.setEnabled(action in allowed)
        self.attach_button.setEnabled(Action.ADD_NOTE in allowed)
        self.heading.setText(
            f"<span style='font-size:14pt'><b>{escape(c.reference)}</b></span> · "
            f"{escape(status_text(c.status.value, c.closure.value if c.closure else None))}"
            f"<br>{escape(c.subject)}")
        self.fields.setHtml(self._fields_html(detail))
        self.attachments.clear()
        for info in detail.attachments:
            size_kb = max(1, info.size // 1024)
            item = QListWidgetItem(f"{info.filename}  ({size_kb:,} KB, "
                                   f"{datetime_text(info.added_at)})")
            item.setData(ATTACHMENT_ROLE, info.id)
            self.attachments.addItem(item)
        self.timeline.setHtml(self._timeline_html(detail))

    def show_identity(self, identity: dict[str, object]) -> None:
        """The unmasked identity (already recorded by the service) in place of the masks."""
        if self.detail is None or self.complaint is None:
            return
        values = {n: identity.get(n) for n in PERSONAL_FIELDS}
        self.complaint = dataclasses.replace(self.complaint, **values)
        self.detail = dataclasses.replace(self.detail, complaint=self.complaint)
        self.revealed = True
        self.reveal_button.hide()
        self.fields.setHtml(self._fields_html(self.detail))

    def _fields_html(self, detail: CaseDetail) -> str:
        c = detail.complaint
        parts = []
        for section, names in SECTIONS:
            rows = []
            for name in names:
                value = getattr(c, name)
                if name in PERSONAL_FIELDS and detail.personal_data_hidden:
                    text = _("(hidden: personal data)")
                elif name == "complainant_name" and c.complainant_anonymous:
                    text = _("Anonymous")
                elif value in (None, "", False, 0) and name not in ("significant",):
                    continue
                else:
                    text = value_text(name, value, self._categories)
                rows.append(f"<tr><td style='color:#555;padding-right:12px'>"
                            f"{escape(field_label(name))}</td>"
                            f"<td>{escape(text).replace(chr(10), '<br>')}</td></tr>")
            if rows:
                parts.append(f"<h4>{escape(_(section))}</h4>"
                             f"<table cellspacing=2>{''.join(rows)}</table>")
        return "".join(parts)

    def _timeline_html(self, detail: CaseDetail) -> str:
        items = []
        for entry in detail.timeline:
            changes = []
            for name, pair in entry.changes.items():
                if name in ("uuid", "version"):
                    continue
                before, after = (pair + [None, None])[:2]
                if before in (None, "", False) and entry.kind == "record":
                    changes.append(f"{escape(field_label(name))}: "
                                   f"{escape(value_text(name, after, self._categories))}")
                else:
                    changes.append(f"{escape(field_label(name))}: "
                                   f"{escape(value_text(name, before, self._categories))} → "
                                   f"{escape(value_text(name, after, self._categories))}")
            if entry.note:
                changes.insert(0, "<i>" + escape(entry.note) + "</i>")
            if entry.kind == "record":
                count = len(changes)
                changes = [ngettext("{n} field recorded", "{n} fields recorded", count)
                           .format(n=count)]
            items.append(f"<p><b>{escape(datetime_text(entry.at))}</b> · "
                         f"{escape(event_label(entry.kind))} · {escape(entry.actor)}<br>"
                         f"{'<br>'.join(changes)}</p>")
        return "".join(items)
