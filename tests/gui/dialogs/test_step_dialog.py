"""The header of every workflow dialog shows the case's subject as the user typed it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from complaint_desk.gui.dialogs.steps import NoteDialog
from complaint_desk.services import complaints as svc


def test_a_subject_with_markup_is_shown_as_typed_not_as_rich_text(
        qtbot, db, actors, clock, make_intake):
    subject = "ห้อง <b>305</b> & <i>ท่อ</i> รั่ว"
    reference = svc.record_complaint(db, actors["officer"], make_intake(subject=subject),
                                     clock=clock)
    dialog = NoteDialog(db, actors["officer"], svc.get_complaint(db, reference), clock=clock)
    qtbot.addWidget(dialog)
    header = dialog.findChild(QLabel, "header")
    assert "&lt;b&gt;305&lt;/b&gt; &amp; &lt;i&gt;" in header.text()
    assert "<b>305</b>" not in header.text()
    assert header.text().startswith(f"<b>{reference}</b>")
