"""The case list, text search and one workflow write, timed on either engine (no raw baseline:
these figures exist to compare SQLite with PostgreSQL over the same rows)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from bench.harness import Result, compare

TODAY = date(2026, 6, 30)


def run(target: Path | str, size: int) -> list[Result]:
    from complaint_desk.domain.case_list import CaseFilter, Queue, Sort
    from complaint_desk.services import case_list as cl
    from complaint_desk.services import complaints as svc
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    db = open_database(target)
    supervisor = actor_for(db, "bkk1.supervisor")
    handler = actor_for(db, "bkk1.handler")
    results = []

    def page(case_filter: CaseFilter) -> object:
        total = cl.count_cases(db, supervisor, case_filter, TODAY)
        return cl.list_page(db, supervisor, case_filter, Sort(), TODAY, offset=0, limit=200,
                            total=total)

    for label, case_filter in (
            ("open cases: count and first page", CaseFilter(queue=Queue.ALL_OPEN)),
            ("all cases: count and first page", CaseFilter(queue=Queue.ALL)),
            ("search 'ลิฟต์เสีย': count and first page", CaseFilter(queue=Queue.ALL,
                                                                    text="ลิฟต์เสีย")),
            ("search 'น้ำประปา': count and first page", CaseFilter(queue=Queue.ALL,
                                                                   text="น้ำประปา")),
            ("search a reference: count and first page", CaseFilter(queue=Queue.ALL,
                                                                    text="CNX-2568-0001"))):
        results.append(compare(label, size, lambda f=case_filter: page(f), None,
                               max_seconds=0.5, repeats=3))
    results.append(compare("queue counts", size,
                           lambda: cl.queue_counts(db, supervisor, TODAY), None,
                           max_seconds=0.5, repeats=3))
    open_case = cl.list_page(db, supervisor, CaseFilter(queue=Queue.ALL_OPEN), Sort(), TODAY,
                             offset=0, limit=1, total=1)[0].reference
    results.append(compare("add a note (one write transaction)", size,
                           lambda: svc.add_note(db, handler, open_case, "ติดตามงาน",
                                                clock=lambda: datetime(2026, 6, 30, 10, 0)),
                           None, max_seconds=0.1, repeats=5))
    db.dispose()
    return results
