"""A dashboard drill-down (docs/analysis.md) as the case list's filter.

``split_drilldown`` puts each key the filter bar can show exactly (office, channel, category,
level, responsible unit, received from/to) into the bar's fields, so the user sees and can
change them; the rest (closing dates, open or overdue at a day, project, building, root
cause, repeat complainant, "not set" values) stays a drill-down condition on the list's
query, described in words above the list. Together they select exactly the cases the chart
counted (store.queries_analysis.drilldown_conditions is the same SQL).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from complaint_desk.domain.calendar import format_be_date
from complaint_desk.i18n import N_, _, language

# dashboard key -> filter bar field (a combo box whose item data is the code as text)
BAR_COMBOS = {"office": "office", "channel": "channel", "category": "category",
              "level": "level", "responsible_unit": "responsible"}
BAR_DATES = {"received_from": "received_from", "received_to": "received_to"}

LABELS = {
    "closed_from": N_("closed from {value}"), "closed_to": N_("closed until {value}"),
    "project": N_("project {value}"), "building": N_("building {value}"),
    "root_cause": N_("root cause {value}"), "open_at_end_of": N_("open at the end of {value}"),
    "complainant_key": N_("the same complainant"),
    "office": N_("office {value}"), "channel": N_("channel {value}"),
    "category": N_("category {value}"), "level": N_("level {value}"),
    "responsible_unit": N_("responsible unit {value}"),
    "received_from": N_("received from {value}"), "received_to": N_("received until {value}"),
}


def split_drilldown(filters: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(values for the filter bar's fields, the conditions it cannot show). A None value
    means "not set yet", which no combo box offers, so it stays a condition."""
    bar: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    for key, value in filters.items():
        if key in BAR_COMBOS and value is not None:
            bar[BAR_COMBOS[key]] = str(value)
        elif key in BAR_DATES and value is not None:
            bar[BAR_DATES[key]] = value
        else:
            rest[key] = value
    return bar, rest


def _value_text(value: Any) -> str:
    if isinstance(value, date):
        return format_be_date(value, language=language())
    return _("not set") if value is None else str(value)


def describe_drilldown(rest: Mapping[str, Any]) -> str:
    """The conditions in words (for the line above the list), in the user's language."""
    parts = []
    for key, value in rest.items():
        if key == "overdue":
            if value:
                parts.append(_("overdue then"))
            continue
        parts.append(_(LABELS.get(key, key)).format(value=_value_text(value)))
    return ", ".join(parts)
