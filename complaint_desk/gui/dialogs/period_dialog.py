"""Which month (and office) a monthly report is for, or which year an AAR is for. Months and
years are shown in the Buddhist Era; the values returned are Gregorian (the services' own)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.calendar import format_be_month
from complaint_desk.domain.improvement import add_months
from complaint_desk.i18n import _, language

MONTHS_OFFERED = 36
YEARS_OFFERED = 6


class PeriodDialog(QDialog):
    """``monthly=True``: a month (the latest whole month first) and an office, else a year."""

    def __init__(self, title: str, today: date, *, monthly: bool,
                 offices: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.monthly = monthly
        self.period = QComboBox()
        self.period.setObjectName("period")
        if monthly:
            for back in range(1, MONTHS_OFFERED + 1):
                y, m = add_months(today.year, today.month, -back)
                self.period.addItem(format_be_month(y, m, language=language()), (y, m))
            self.period.insertItem(0, format_be_month(today.year, today.month,
                                                      language=language())
                                   + " " + _("(so far)"), (today.year, today.month))
            self.period.setCurrentIndex(1)
        else:
            for back in range(YEARS_OFFERED):
                year = today.year - back
                self.period.addItem(_("B.E. {year}").format(year=year + 543), (year, 0))
        self.office = QComboBox()
        self.office.setObjectName("office")
        self.office.addItem(_("All offices"), None)
        offices = offices or []
        for code, name in offices:
            self.office.addItem(f"{code} {name}", code)
        form = QFormLayout()
        form.addRow(_("Month") if monthly else _("Year"), self.period)
        if monthly and len(offices) > 1:
            form.addRow(_("Office"), self.office)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Preview"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def year(self) -> int:
        return int(self.period.currentData()[0])

    def month(self) -> int:
        return int(self.period.currentData()[1])

    def office_code(self) -> str | None:
        code = self.office.currentData()
        return str(code) if code else None
