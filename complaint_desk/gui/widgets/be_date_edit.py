"""A date field in the Buddhist Era: type ``15/08/2567`` or ``15 ส.ค. 2567``, or pick from a
calendar whose header shows the BE year (Qt's calendars know no Buddhist calendar, so the
navigation bar is our own)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.calendar import format_be_date, format_be_month, parse_date
from complaint_desk.domain.errors import ValidationError
from complaint_desk.i18n import N_, _, language


class BeCalendarPopup(QFrame):
    """A month calendar with a BE header; emits ``picked`` and closes."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setNavigationBarVisible(False)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        previous, following = QToolButton(self), QToolButton(self)
        previous.setArrowType(Qt.ArrowType.LeftArrow)
        following.setArrowType(Qt.ArrowType.RightArrow)
        previous.setToolTip(_("Previous month"))
        following.setToolTip(_("Next month"))
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header = QHBoxLayout()
        header.addWidget(previous)
        header.addWidget(self.title, 1)
        header.addWidget(following)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.calendar)
        previous.clicked.connect(self.calendar.showPreviousMonth)
        following.clicked.connect(self.calendar.showNextMonth)
        self.calendar.currentPageChanged.connect(self._update_title)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        self._update_title(self.calendar.yearShown(), self.calendar.monthShown())

    def show_date(self, day: date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)

    def _update_title(self, year: int, month: int) -> None:
        self.title.setText(format_be_month(year, month, language=language()))

    def _pick(self, qdate: QDate) -> None:
        self.picked.emit(date(qdate.year(), qdate.month(), qdate.day()))
        self.close()


class BeDateEdit(QWidget):
    """``value()`` is the date (None when empty); bad text raises ValidationError naming the
    field. ``changed`` is emitted when a valid date (or empty) is entered or picked."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, field: str = "date",
                 allow_empty: bool = True) -> None:
        super().__init__(parent)
        self.field = field
        self.allow_empty = allow_empty
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(_("dd/mm/yyyy (BE)"))
        self.line.setMinimumWidth(150)
        self.line.setToolTip(_("Type a date such as 15/08/2567 or 15 ส.ค. 2567"))
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip(_("Choose from a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.button.clicked.connect(self._open_calendar)
        self.line.editingFinished.connect(self._finished)
        self._popup: BeCalendarPopup | None = None

    def value(self) -> date | None:
        text = self.line.text().strip()
        if not text:
            if self.allow_empty:
                return None
            raise ValidationError(N_("{field_label} is required."), field=self.field,
                                  field_label=N_("Date"))
        try:
            return parse_date(text)
        except ValidationError as error:
            raise ValidationError(error.message, field=self.field, **error.params) from None

    def set_date(self, day: date | None) -> None:
        self.line.setText(format_be_date(day, language=language()) if day else "")

    def _finished(self) -> None:
        try:
            day = self.value()
        except ValidationError:
            self.line.setProperty("invalid", True)
            return
        self.line.setProperty("invalid", False)
        if day is not None:
            self.set_date(day)
        self.changed.emit()

    def _open_calendar(self) -> None:
        popup = BeCalendarPopup(self)
        popup.picked.connect(self._picked)
        try:
            current = self.value()
        except ValidationError:
            current = None
        popup.show_date(current or date.today())
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        self._popup = popup

    def _picked(self, day: date) -> None:
        self.set_date(day)
        self.changed.emit()

