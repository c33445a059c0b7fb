"""Filters over the list: search (debounced as you type), status, level, category, channel,
office, responsible, and the received and due date ranges (BE); and a dashboard drill-down
(gui/drilldown.py) shown as a line of words with its own clear button."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.case_list import CaseFilter
from complaint_desk.domain.complaint import Channel, Status
from complaint_desk.domain.errors import ValidationError
from complaint_desk.domain.levels import LEVEL_NUMBERS
from complaint_desk.gui.drilldown import BAR_COMBOS, describe_drilldown, split_drilldown
from complaint_desk.gui.labels import CategoryNames, channel_text, status_text
from complaint_desk.gui.widgets.be_date_edit import BeDateEdit
from complaint_desk.i18n import _, error_text

SEARCH_DELAY_MS = 300


def _combo(name: str, choices: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(_("Any"), "")
    for code, label in choices:
        combo.addItem(label, code)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    return combo


class FilterBar(QWidget):
    """Emits ``changed`` with the new filter (its queue left as it was)."""

    changed = Signal(object)  # CaseFilter

    def __init__(self, categories: CategoryNames, offices: list[tuple[str, str]],
                 units: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = CaseFilter()
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search reference, subject, details, place…"))
        self.search.setClearButtonEnabled(True)
        self.status = _combo("status", [(s.value, status_text(s.value)) for s in Status])
        self.level = _combo("level", [(str(n), str(n)) for n in LEVEL_NUMBERS])
        self.category = _combo("category", categories.choices())
        self.channel = _combo("channel", [(c.value, channel_text(c.value)) for c in Channel])
        self.office = _combo("office", [(code, code) for code, _name in offices])
        for row, (_code, name) in enumerate(offices, start=1):
            self.office.setItemData(row, name, 3)  # tooltip
        self.responsible = _combo("responsible", [(u, u) for u in units])
        self.received_from = BeDateEdit(self, field="received_from")
        self.received_to = BeDateEdit(self, field="received_to")
        self.due_from = BeDateEdit(self, field="due_from")
        self.due_to = BeDateEdit(self, field="due_to")
        self.clear = QPushButton(_("Clear filters"), self)
        self.message = QLabel(self)
        self.message.setObjectName("filterMessage")
        self.message.setStyleSheet("color: #b00020;")
        self._drilldown: tuple[tuple[str, Any], ...] = ()
        self.drilldown_label = QLabel(self)
        self.drilldown_label.setObjectName("drilldown")
        self.drilldown_label.setWordWrap(True)
        self.drilldown_clear = QPushButton(_("Remove the dashboard's condition"), self)
        self.drilldown_clear.clicked.connect(self.clear_drilldown)

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(self.clear)
        second = QHBoxLayout()
        for label, widget in ((_("Status"), self.status), (_("Level"), self.level),
                              (_("Category"), self.category), (_("Channel"), self.channel),
                              (_("Office"), self.office), (_("Responsible"), self.responsible)):
            second.addWidget(QLabel(label))
            second.addWidget(widget, 1)
        third = QHBoxLayout()
        for label, start, end in ((_("Received"), self.received_from, self.received_to),
                                  (_("Due"), self.due_from, self.due_to)):
            third.addWidget(QLabel(label))
            third.addWidget(start)
            third.addWidget(QLabel("–"))
            third.addWidget(end)
            third.addSpacing(12)
        third.addWidget(self.message, 1)
        fourth = QHBoxLayout()
        fourth.addWidget(self.drilldown_label, 1)
        fourth.addWidget(self.drilldown_clear)
        for row in (first, second, third, fourth):
            rows.addLayout(row)
        self._show_drilldown({})

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        for combo in (self.status, self.level, self.category, self.channel, self.office,
                      self.responsible):
            combo.currentIndexChanged.connect(lambda _i: self.apply())
        for edit in (self.received_from, self.received_to, self.due_from, self.due_to):
            edit.changed.connect(self.apply)
        self.clear.clicked.connect(self.clear_all)

    def current_filter(self, base: CaseFilter | None = None) -> CaseFilter:
        """The filter the fields describe; raises ValidationError for a bad date."""
        def chosen(combo: QComboBox) -> frozenset[str]:
            code = combo.currentData()
            return frozenset({code}) if code else frozenset()

        levels = frozenset(int(v) for v in chosen(self.level))
        return replace(base or self._filter, text=self.search.text().strip(),
                       statuses=chosen(self.status), levels=levels,
                       categories=chosen(self.category), channels=chosen(self.channel),
                       offices=chosen(self.office),
                       responsible=self.responsible.currentData() or None,
                       received_from=self.received_from.value(),
                       received_to=self.received_to.value(),
                       due_from=self.due_from.value(), due_to=self.due_to.value(),
                       drilldown=self._drilldown)

    def apply(self) -> None:
        self._timer.stop()
        try:
            new = self.current_filter()
        except ValidationError as error:
            self.message.setText(error_text(error))
            return
        self.message.clear()
        if new != self._filter:
            self._filter = new
            self.changed.emit(new)

    def set_queue_filter(self, base: CaseFilter) -> None:
        """Remember the queue chosen elsewhere without emitting."""
        self._filter = replace(self._filter, queue=base.queue)

    def apply_drilldown(self, filters: Mapping[str, Any]) -> None:
        """Replace every filter by the dashboard's: the fields it maps to are filled in, the
        rest is kept as a condition; ``changed`` is emitted once."""
        bar, rest = split_drilldown(filters)
        self._clear_fields()
        for name, value in bar.items():
            widget = getattr(self, name)
            if isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0:  # a value the bar does not list: keep it as a condition
                    key = next(k for k, field in BAR_COMBOS.items() if field == name)
                    rest[key] = filters[key]
                    continue
                widget.blockSignals(True)
                widget.setCurrentIndex(index)
                widget.blockSignals(False)
            else:
                widget.set_date(value)
        self._drilldown = tuple(rest.items())
        self._show_drilldown(rest)
        self.apply()

    def clear_drilldown(self) -> None:
        self._drilldown = ()
        self._show_drilldown({})
        self.apply()

    def _show_drilldown(self, rest: Mapping[str, Any]) -> None:
        text = describe_drilldown(rest)
        self.drilldown_label.setText(_("From the dashboard: {conditions}").format(
            conditions=text) if text else "")
        self.drilldown_label.setVisible(bool(text))
        self.drilldown_clear.setVisible(bool(text))

    def _clear_fields(self) -> None:
        widgets = (self.search, self.status, self.level, self.category, self.channel,
                   self.office, self.responsible)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)  # type: ignore[attr-defined]
        for widget in widgets:
            widget.blockSignals(False)
        for edit in (self.received_from, self.received_to, self.due_from, self.due_to):
            edit.set_date(None)

    def clear_all(self) -> None:
        self._clear_fields()
        self._drilldown = ()
        self._show_drilldown({})
        self.apply()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
