"""The analysis dashboard: the year's indicators and charts of the 12 months to a chosen month.

Every chart drills down: clicking a bar or point emits ``filter_requested(dict)`` with the
filter of docs/analysis.md (received_from, category, level, ...) that selects exactly the
cases counted there; the main window applies it to the complaint list.

The figures are counted off the GUI thread (gui/tasks.py): choosing a month or an office
starts the count with a progress bar and a Cancel button under the controls, and the window
stays responsive meanwhile; the charts are built when the figures arrive (``updated``). A
newer choice cancels the count in progress and its result is dropped.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.calendar import (
    ENGLISH_MONTHS_SHORT,
    THAI_MONTHS_SHORT,
    be_year,
    format_be_date,
    format_be_month,
)
from complaint_desk.domain.complaint import CHANNEL_LABELS, Channel
from complaint_desk.domain.improvement import add_months
from complaint_desk.exchange.progress import Cancelled
from complaint_desk.gui import tasks
from complaint_desk.gui.dashboard.charts import DrillChartView, SeriesData, bar_chart, line_chart
from complaint_desk.gui.dialogs.work_messages import failure_text
from complaint_desk.gui.thai_fonts import thai_font
from complaint_desk.i18n import _, language
from complaint_desk.services import analysis, indicators
from complaint_desk.services.offices import list_offices
from complaint_desk.store.database import Database

MONTHS_OFFERED = 36
_FULL_WIDTH = frozenset({"months", "satisfaction"})
_MET = {True: ("✓", "#2e7d32"), False: ("✗", "#c62828"), None: ("–", "#555555")}


def month_label(year: int, month: int) -> str:
    """``ส.ค. 67`` / ``Aug 67``: short enough for twelve months on an axis."""
    names = ENGLISH_MONTHS_SHORT if language() == "en" else THAI_MONTHS_SHORT
    return f"{names[month - 1]} {str(year + 543)[2:]}"


_running: set[tasks.Task] = set()  # counts still running, kept until their thread ends


class DashboardWidget(QWidget):
    filter_requested = Signal(dict)
    updated = Signal()  # the figures of the current choice are shown

    def __init__(self, db: Database, *, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.board: analysis.Dashboard | None = None
        self.charts: dict[str, DrillChartView] = {}
        self.task: tasks.Task | None = None
        self.setFont(thai_font(10))

        self.month_box = QComboBox()
        for back in range(MONTHS_OFFERED):
            y, m = add_months(self.today.year, self.today.month, -back)
            self.month_box.addItem(format_be_month(y, m, language=language()), f"{y}-{m:02d}")
        self.office_box = QComboBox()
        self.office_box.addItem(_("All offices"), None)
        for code, name in list_offices(db):
            self.office_box.addItem(f"{code} {name}", code)
        title = QLabel(_("Complaint analysis"))
        title.setFont(thai_font(15, bold=True))
        controls = QHBoxLayout()
        controls.addWidget(title)
        controls.addStretch(1)
        for label, box in ((_("Up to month"), self.month_box), (_("Office"), self.office_box)):
            controls.addWidget(QLabel(label))
            controls.addWidget(box)
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        busy = QHBoxLayout()
        busy.addWidget(self.status, 1)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.indicator_table = QTableWidget(0, 4)
        self.indicator_table.setHorizontalHeaderLabels(
            [_("Indicator"), _("Target"), _("Result"), _("Met")])
        self.indicator_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.indicator_table.verticalHeader().setVisible(False)
        self.indicator_table.setWordWrap(False)  # one line a row: names are elided, not wrapped
        header = self.indicator_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.indicator_title = QLabel()
        self.indicator_title.setFont(thai_font(11, bold=True))

        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.summary)
        inner_layout.addWidget(self.indicator_title)
        inner_layout.addWidget(self.indicator_table)
        inner_layout.addLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(busy)
        layout.addWidget(scroll)
        self.month_box.currentIndexChanged.connect(self.refresh)
        self.office_box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # --- data ---------------------------------------------------------------------------

    def select(self, year: int, month: int, office_code: str | None = None) -> None:
        """Show the 12 months to ``year``-``month`` (Gregorian) for an office (None: all)."""
        self.month_box.blockSignals(True)
        self.office_box.blockSignals(True)
        self.month_box.setCurrentIndex(max(0, self.month_box.findData(f"{year}-{month:02d}")))
        self.office_box.setCurrentIndex(max(0, self.office_box.findData(office_code)))
        self.month_box.blockSignals(False)
        self.office_box.blockSignals(False)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def refresh(self) -> None:
        """Count the figures of the chosen month and office off the GUI thread; they are
        shown when they arrive. A count already running for an earlier choice is cancelled."""
        year, month = map(int, self.month_box.currentData().split("-"))
        office = self.office_box.currentData()
        db, today = self.db, self.today
        self.cancel()

        def job(report: Any) -> tuple[analysis.Dashboard, list[Any], int]:
            def step(done: int, total: int) -> None:
                if not report(done, total):
                    raise Cancelled()

            board = analysis.dashboard(db, year, month, office, today=today, progress=step)
            return board, indicators.year_indicators(db, year, office), year

        task = self.task = tasks.Task(job)
        _running.add(task)
        # Slots of this widget (disconnected by Qt if it is gone first), told apart by sender.
        task.signals.progress.connect(self._progressed)
        task.signals.finished.connect(self._arrived)
        task.signals.failed.connect(self._failed)
        task.signals.finished.connect(lambda _result: _running.discard(task))
        task.signals.failed.connect(lambda _error, _trace: _running.discard(task))
        self.status.setText(_("Counting the cases…"))
        self.progress.setRange(0, 0)
        for widget in (self.progress, self.cancel_button):
            widget.setVisible(True)
        tasks.start(task)

    def cancel(self) -> None:
        """Stop the count in progress, if any; what is shown stays."""
        if self.task is not None:
            self.task.cancel()
            self._idle(_("Cancelled"))

    def wait_until_shown(self, seconds: float = 120.0) -> bool:
        """For scripts (screenshots): let the events run until the count in progress is shown."""
        deadline = time.monotonic() + seconds
        while self.busy and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        return not self.busy

    def _idle(self, status: str) -> None:
        self.task = None
        self.status.setText(status)
        for widget in (self.progress, self.cancel_button):
            widget.setVisible(False)

    def _current(self) -> bool:
        """Whether the signal being handled comes from the count of the current choice."""
        return self.task is not None and self.sender() is self.task.signals

    def _progressed(self, done: int, total: int) -> None:
        if self._current():
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, max(total, 1)))

    def _arrived(self, result: Any) -> None:
        if not self._current():
            return  # an earlier choice's figures, cancelled too late
        self._idle("")
        self.board, rows, year = result
        self._show_indicators(rows, year)
        self._show_summary(self.board)
        self._show_charts(self.board)
        self.updated.emit()

    def _failed(self, error: object, _trace: str) -> None:
        if self._current():
            self._idle(_("Cancelled") if isinstance(error, Cancelled)
                       else failure_text(error))  # type: ignore[arg-type]

    def _show_summary(self, board: analysis.Dashboard) -> None:
        self.summary.setText(_(
            "{start} to {end}: open {open} cases, {overdue} overdue, as of {as_of}. "
            "Repeat complainants: {people} people with {cases} cases.").format(
            start=format_be_date(board.start, language=language()),
            end=format_be_date(board.end.fromordinal(board.end.toordinal() - 1),
                               language=language()),
            open=board.open_total, overdue=board.overdue_total,
            as_of=format_be_date(board.as_of, language=language()),
            people=board.repeat_people, cases=board.repeat_cases))

    def _show_indicators(self, rows: list[Any], year: int) -> None:
        self.indicator_title.setText(_("Indicators of the year {year}").format(
            year=be_year(date(year, 1, 1))))
        table = self.indicator_table
        table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            mark, colour = _MET[row.met]
            for column, text in enumerate((_(row.name), row.target_text, row.result_text, mark)):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setForeground(QColor(colour))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(index, column, item)
        row_height = table.fontMetrics().height() + 10
        for index in range(table.rowCount()):
            table.setRowHeight(index, row_height)
        height = row_height * table.rowCount()
        table.setFixedHeight(height + table.horizontalHeader().height() + 4)

    # --- charts -------------------------------------------------------------------------

    def _show_charts(self, board: analysis.Dashboard) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # type: ignore[call-overload]
                widget.deleteLater()
        self.charts = self._build_charts(board)
        row = column = 0
        for name, view in self.charts.items():
            view.drilled.connect(self.filter_requested)
            if name in _FULL_WIDTH:
                row += column
                self.grid.addWidget(view, row, 0, 1, 2)
                row, column = row + 1, 0
            else:
                self.grid.addWidget(view, row, column)
                row, column = row + column, 1 - column

    def _build_charts(self, board: analysis.Dashboard) -> dict[str, DrillChartView]:
        months = [month_label(p.year, p.month) for p in board.months]
        charts = {
            "months": bar_chart(_("Received and closed per month"), months, [
                SeriesData(_("Complaints received"), [p.received for p in board.months],
                           [p.received_filter for p in board.months]),
                SeriesData(_("Complaints closed"), [p.closed for p in board.months],
                           [p.closed_filter for p in board.months]),
                SeriesData(_("Received, same month last year"),
                           [p.received_last_year for p in board.months])],
                label_format=""),
            "satisfaction": line_chart(_("Satisfaction (average 1-5) per month"), months, [
                SeriesData(_("Average satisfaction"), [p.satisfaction_mean for p in board.months],
                           [p.closed_filter for p in board.months])], maximum=5.0),
            "on_time": bar_chart(
                _("Resolved within the level's target (%)"),
                [_("Level {level}").format(level=p.level) for p in board.on_time_by_level], [
                    SeriesData(_("Result"), [p.resolved_within_target_pct
                                             for p in board.on_time_by_level],
                               [p.closed_filter for p in board.on_time_by_level]),
                    SeriesData(_("Target"), [p.target_pct for p in board.on_time_by_level])],
                maximum=115.0),
            "channel": self._bars(_("Received by channel"), board.by_channel, self._channel),
            "category": self._bars(_("Received by category (top)"), board.by_category[:10],
                                   self._category),
            "level": self._bars(_("Received by level"),
                                sorted(board.by_level, key=lambda b: (b.key == "none", b.key)),
                                lambda k: _("Not yet set") if k == "none"
                                else _("Level {level}").format(level=k), horizontal=False),
            "overdue": self._bars(_("Overdue by responsible unit"), board.overdue_by_unit,
                                  lambda k: _("Not yet assigned") if k == "none" else k),
            "locations": self._bars(_("Top locations (project / building)"),
                                    board.top_locations, str),
            "repeat": self._bars(_("Repeat complainants (pseudonymous key)"),
                                 board.repeat_complainants,
                                 lambda k: _("Complainant #{key}").format(key=k[:8])),
        }
        if len(board.by_office) > 1:
            charts["office"] = self._bars(_("Received by office"), board.by_office, str,
                                          horizontal=False)
        return charts

    def _bars(self, title: str, bars: list[analysis.Bar], label: Any, *,
              horizontal: bool = True) -> DrillChartView:
        # A horizontal chart lists from the bottom up: reverse so the largest is on top.
        shown = list(reversed(bars)) if horizontal else bars
        height = max(220, 60 + 26 * len(shown)) if horizontal else 260
        return bar_chart(title, [label(b.key) for b in shown],
                         [SeriesData(_("Cases"), [b.value for b in shown],
                                     [b.filter for b in shown])],
                         horizontal=horizontal, height=height)

    def _channel(self, key: str) -> str:
        try:
            return _(CHANNEL_LABELS[Channel(key)])
        except ValueError:
            return key

    def _category(self, key: str) -> str:
        assert self.board is not None
        names = self.board.category_names.get(key)
        if key == "none" or names is None:
            return _("Not yet set") if key == "none" else key
        return names[1] if language() == "en" else names[0]
