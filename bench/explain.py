"""The plans PostgreSQL chooses for what the list, the search and the KPIs send, over the
benchmark's data: EXPLAIN (ANALYZE) of each statement the program executes (captured as it
runs), printed as Markdown. The evidence behind docs/postgresql.md's "plans" section.

    python -m bench.explain --size 100000          (a throwaway cluster, or $BENCH_PG_URL)

The cached demo file is copied onto the server as `make bench DB=postgres` does.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from bench.bench_kpi import MONTH
from bench.data import TODAY, cached_database, postgres_copy, postgres_server


def _captured(db: Any, run: Callable[[], Any]) -> list[tuple[str, Any]]:
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _c: Any, _m: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    return seen


def main(argv: list[str] | None = None) -> int:
    from complaint_desk.domain.case_list import CaseFilter, Queue, Sort
    from complaint_desk.services import case_list
    from complaint_desk.services.kpi import monthly_kpis
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    parser = argparse.ArgumentParser(prog="bench.explain")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--all", action="store_true",
                        help="every statement, not only those over complaints")
    args = parser.parse_args(argv)
    with postgres_server():
        url, _seconds = postgres_copy(cached_database(args.size))
        db = open_database(url)
        actor = actor_for(db, "bkk1.supervisor")
        everything = CaseFilter(queue=Queue.ALL)
        checks: list[tuple[str, Callable[[], Any]]] = [
            ("search 'ลิฟต์เสีย': count", lambda: case_list.count_cases(
                db, actor, CaseFilter(queue=Queue.ALL, text="ลิฟต์เสีย"), TODAY)),
            ("search 'ลิฟต์เสีย': first page", lambda: case_list.list_page(
                db, actor, CaseFilter(queue=Queue.ALL, text="ลิฟต์เสีย"), Sort(), TODAY,
                offset=0, limit=200)),
            ("all cases: first page", lambda: case_list.list_page(
                db, actor, everything, Sort(), TODAY, offset=0, limit=200)),
            ("queue counts", lambda: case_list.queue_counts(db, actor, TODAY)),
            ("monthly KPIs, one office", lambda: monthly_kpis(db, *MONTH, "BKK1")),
        ]
        for title, run in checks:
            statements = _captured(db, run)
            print(f"### {title}\n")
            for statement, parameters in statements:
                if not args.all and "complaints" not in statement:
                    continue
                with db.engine.connect() as conn:
                    rows = conn.exec_driver_sql("EXPLAIN (ANALYZE, COSTS OFF) " + statement,
                                                parameters).scalars().all()
                print("```\n" + "\n".join(rows) + "\n```\n")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
