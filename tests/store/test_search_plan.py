"""On PostgreSQL the case list's text search is served by the pg_trgm GIN indexes.

EXPLAIN over the very statements the list sends (captured as they are executed), on the
throwaway cluster. ``enable_seqscan = off`` in the EXPLAIN's own transaction: with the few
hundred cases a test can afford, the planner rightly prefers reading the whole table, and
a table large enough for it to choose the index by itself (tens of thousands of cases) would
take a minute to make. Switched off, a sequential scan is still chosen when no index can
answer the condition, so the test fails exactly when the search's SQL stops matching its
index (e.g. a changed expression or ILIKE turned into something the trigram class cannot
serve). Only the count is asserted: for the first page the planner may as rightly walk the
newest cases by ``ix_complaints_received`` and stop at 200 matches (a common word). The plans
at 100,000 cases, where the planner chooses by itself, are in docs/postgresql.md.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from complaint_desk.domain.case_list import CaseFilter, Queue, Viewer
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.offices import init_office
from complaint_desk.store import case_list
from complaint_desk.store.database import open_database
from complaint_desk.store.unit_of_work import UnitOfWork

TODAY = date(2024, 9, 30)
STAFF = Viewer(role="officer", sees_personal_data=True)
CLERK = Viewer(role="clerk", sees_personal_data=False)


@pytest.fixture(scope="module")
def server_db(pg_cluster):
    url = pg_cluster.new_database()
    db = open_database(url)
    init_office(db, code="BKK1", name="สำนักงานทดสอบ 1")
    generate_demo(db, 300, seed=5, today=TODAY)
    with db.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql("ANALYZE complaints")
    yield db
    db.dispose()
    pg_cluster.drop_database(url)


def sent(db, read):
    """The statements (and parameters) ``read(session)`` sends to the server."""
    seen = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        with UnitOfWork(db, write=False) as uow:
            read(uow.session)
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    return [(s, p) for s, p in seen if "ILIKE" in s.upper()]


def plan(db, statement, parameters):
    with db.engine.connect() as conn, conn.begin():
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        return "\n".join(conn.exec_driver_sql("EXPLAIN " + statement, parameters).scalars())


@pytest.mark.parametrize("viewer,indexes", [
    (CLERK, {"ix_complaints_text_trgm"}),
    (STAFF, {"ix_complaints_text_trgm", "ix_complaints_name_trgm"}),
])
@pytest.mark.parametrize("words", ["ลิฟต์เสีย", "น้ำ ประปา"])
def test_the_search_count_is_answered_from_the_gin_trigram_indexes(server_db, viewer, indexes,
                                                                   words):
    wanted = CaseFilter(queue=Queue.ALL, text=words)
    statements = sent(server_db, lambda s: case_list.count_cases(s, wanted, viewer, TODAY))
    assert len(statements) == 1
    shown = plan(server_db, *statements[0])
    assert "Seq Scan on complaints" not in shown, shown
    for index in indexes:
        assert f"Bitmap Index Scan on {index}" in shown, shown

