"""What differs by engine is written once, in store/engine_features.py: here, how the office
filter of the KPI queries is spelled for each planner."""

from sqlalchemy.dialects import postgresql, sqlite

from complaint_desk.store.queries import office_within


def _sql(dialect) -> str:
    (condition,) = office_within("BKK1")
    return str(condition.compile(dialect=dialect))


def test_sqlite_sees_the_office_only_as_a_filter():
    # its planner would otherwise walk the (office_code, received_at) index for a month
    assert _sql(sqlite.dialect()) == "(complaints.office_code || '') = ?"


def test_postgresql_sees_the_column_itself():
    # hiding it made one office's KPIs 3x the same query with the plain column
    sql = _sql(postgresql.dialect())
    assert sql.startswith("complaints.office_code = %(") and "||" not in sql


def test_no_office_no_filter():
    assert office_within(None) == []
