"""The case list's read path (store/list_reader.py): one connection kept open, statements
compiled once, the same rows as a plain ordered query, and no snapshot held between reads."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, text

from complaint_desk.domain.case_list import CaseFilter, Queue, Sort, SortKey, Viewer
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.services.demo import generate_demo
from complaint_desk.store import case_list
from complaint_desk.store.list_reader import CaseListReader
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.unit_of_work import UnitOfWork

STAFF = Viewer(role="supervisor", sees_personal_data=True)
TODAY = date(2024, 9, 30)
WORD = "ลิฟต์"  # in many demo subjects


@pytest.fixture
def reader(db):
    made = CaseListReader(db.engine)
    yield made
    made.close()


def expected(db, case_filter, sort):
    """Every id of the list in order, by one plain query (the oracle)."""
    with UnitOfWork(db, write=False) as uow:
        where = case_list.conditions(case_filter, STAFF, TODAY, uow.session)
        return list(uow.session.scalars(select(C.id).where(*where).order_by(
            *case_list._order(sort, reverse=False))))


def test_counts_and_pages_are_those_of_one_ordered_query(db, reader, monkeypatch):
    monkeypatch.setattr(case_list, "REVERSE_FROM", 100)  # filtered lists read backwards too
    generate_demo(db, 450, seed=5, today=TODAY)
    filters = [CaseFilter(queue=Queue.ALL), CaseFilter(queue=Queue.ALL_OPEN),
               CaseFilter(queue=Queue.ALL, statuses=frozenset({"closed"}),
                          levels=frozenset({1, 2}), received_from=date(2024, 3, 1)),
               CaseFilter(queue=Queue.ALL, text=WORD), CaseFilter(queue=Queue.ALL, text="ไฟ"),
               CaseFilter(queue=Queue.CLOSED, text=WORD)]
    sorts = [Sort(), Sort(SortKey.DUE, False), Sort(SortKey.SUBJECT, True)]
    for f in filters:
        total = reader.count(f, STAFF, TODAY)
        assert total > 0, f
        for sort in sorts:
            ids = expected(db, f, sort)
            assert total == len(ids), f
            for offset in (0, 40, total // 2 + 1, max(total - 30, 0)):
                page = reader.page(f, sort, STAFF, TODAY, offset=offset, limit=50, total=total)
                assert [r.id for r in page] == ids[offset:offset + 50], (f, sort, offset)
    row = reader.page(CaseFilter(queue=Queue.ALL), Sort(), STAFF, TODAY, offset=0, limit=1)[0]
    with UnitOfWork(db, write=False) as uow:
        same = uow.session.execute(select(*case_list.LIST_COLUMNS).where(C.id == row.id)).one()
    assert row == case_list.CaseListRow(*same)  # the values as the ORM reads them
    assert isinstance(row.received_at, datetime) and isinstance(row.significant, bool)



def test_a_page_read_from_its_neighbours_boundary_row_is_the_page_offset_gives(db, reader):
    """Keyset pages (the page after a held page's last row, or before a held page's first
    row) equal the OFFSET pages for every sortable column, both directions, with NULL sort
    keys (which the engines place at opposite ends) and ties, under filters and a search."""
    generate_demo(db, 450, seed=5, today=TODAY)
    # Ties and NULLs where the demo has few: a block of cases received at one moment (ties
    # on received_at under every key), and NULL keys among them and elsewhere.
    with UnitOfWork(db, write=True) as uow:
        ids = list(uow.session.scalars(select(C.id).order_by(C.id)))
        uow.session.execute(text("UPDATE complaints SET received_at = :at WHERE id % 7 = 0"),
                            {"at": datetime(2024, 5, 1, 9, 30)})
        uow.session.execute(text("UPDATE complaints SET category_code = NULL, level = NULL, "
                                 "responsible_unit = NULL, due_on = NULL WHERE id % 5 = 0"))
    assert len(ids) == 450
    filters = [CaseFilter(queue=Queue.ALL), CaseFilter(queue=Queue.CLOSED),
               CaseFilter(queue=Queue.ALL, levels=frozenset({1, 2}),
                          received_from=date(2024, 3, 1)),
               CaseFilter(queue=Queue.ALL, text=WORD)]
    nulls = {key: 0 for key in (SortKey.CATEGORY, SortKey.LEVEL, SortKey.RESPONSIBLE,
                                SortKey.DUE)}
    for f in filters:
        total = reader.count(f, STAFF, TODAY)
        assert total > 12, f
        n = 20 if total > 100 else 4  # the page size: several pages of each list
        for key in SortKey:
            for descending in (False, True):
                sort = Sort(key, descending)
                ids = expected(db, f, sort)
                rows = {}
                for offset in range(0, total, n):
                    rows.update(enumerate(reader.page(f, sort, STAFF, TODAY, offset=offset,
                                                      limit=n, total=total), offset))
                assert [rows[i].id for i in range(total)] == ids, (f, sort)
                for offset in range(n, total, n):  # forwards from the row before
                    page = reader.page(f, sort, STAFF, TODAY, offset=offset, limit=n,
                                       total=total, after=rows[offset - 1])
                    assert [r.id for r in page] == ids[offset:offset + n], (f, sort, offset)
                for offset in range(0, total - n, n):  # backwards from the row after
                    page = reader.page(f, sort, STAFF, TODAY, offset=offset, limit=n,
                                       total=total, before=rows[offset + n])
                    assert [r.id for r in page] == ids[offset:offset + n], (f, sort, offset)
                assert reader.page(f, sort, STAFF, TODAY, offset=total, limit=n,
                                   total=total, after=rows[total - 1]) == []
                if key in nulls:
                    nulls[key] += sum(getattr(r, key.value) is None for r in rows.values())
    assert all(nulls.values()), nulls  # the boundaries crossed NULL keys

def test_the_newest_matches_come_from_the_index_order_only_when_a_check_proves_it(
        db, reader, monkeypatch):
    monkeypatch.setattr(case_list, "NEWEST_FIRST_FROM", 10)
    generate_demo(db, 450, seed=5, today=TODAY)
    f = CaseFilter(queue=Queue.ALL, text=WORD)
    total = reader.count(f, STAFF, TODAY)
    assert total >= 10

    def first_page() -> list[int]:
        return [r.id for r in reader.page(f, Sort(), STAFF, TODAY, offset=0, limit=5,
                                          total=total)]

    assert first_page() == expected(db, f, Sort())[:5]
    if db.is_sqlite:  # the FTS5 index's rowid order; PostgreSQL reads the ordinary way
        assert reader._newest_matches(f, STAFF, 5) is not None
    # An old case (a low id) now received last: the ids no longer follow the order received.
    oldest = expected(db, f, Sort(SortKey.RECEIVED, False))[0]
    with UnitOfWork(db) as uow:
        uow.session.execute(text("UPDATE complaints SET received_at = :at WHERE id = :id"),
                            {"at": datetime(2024, 9, 29, 23, 0), "id": oldest})
        uow.commit()
    if db.is_sqlite:
        assert reader._newest_matches(f, STAFF, 5) is None
    assert first_page() == expected(db, f, Sort())[:5] and first_page()[0] == oldest


def test_the_whole_table_is_read_from_the_end_past_its_middle_a_filtered_list_when_long():
    everything, open_cases = CaseFilter(queue=Queue.ALL), CaseFilter(queue=Queue.ALL_OPEN)
    assert case_list.reads_backwards(everything, 301, 600)
    assert case_list.reads_backwards(CaseFilter(queue=Queue.ALL, text=" "), 301, 600)
    assert not case_list.reads_backwards(everything, 299, 600)
    assert not case_list.reads_backwards(open_cases, 301, 600)  # matches may cluster
    assert not case_list.reads_backwards(CaseFilter(queue=Queue.ALL, text="ลิฟต์"), 301, 600)
    long = case_list.REVERSE_FROM + 2
    assert case_list.reads_backwards(open_cases, long // 2 + 1, long)
    assert not case_list.reads_backwards(everything, 301, None)


def intake(subject: str) -> Intake:
    return Intake(channel="walk_in", received_at=datetime(2024, 8, 5, 9, 0), subject=subject,
                  description="แจ้งเหตุ" + subject, complainant_name="นายทดสอบ", project="บ้านเอื้ออาทร")


def test_a_reader_kept_open_sees_new_cases_and_holds_no_transaction(db, reader, actors, clock):
    everything = CaseFilter(queue=Queue.ALL)
    assert reader.count(everything, STAFF, TODAY) == 0
    svc.record_complaint(db, actors["officer"], intake("ประตูพัง"), clock=clock)
    assert reader.count(everything, STAFF, TODAY) == 1  # the same connection, a new snapshot
    assert [r.subject for r in reader.page(everything, Sort(), STAFF, TODAY, offset=0,
                                           limit=10)] == ["ประตูพัง"]
    svc.record_complaint(db, actors["officer"], intake("หลังคารั่ว"), clock=clock)
    assert reader.count(CaseFilter(queue=Queue.ALL, text="หลังคา"), STAFF, TODAY) == 1
    with db.engine.connect() as other:
        if db.is_sqlite:  # a reader inside a transaction would keep the WAL from emptying
            busy, _log, _done = other.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            assert busy == 0
        else:
            idle = other.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state IN ('idle in transaction', 'idle in transaction (aborted)')").scalar()
            assert idle == 0


def test_closing_gives_the_connection_back_and_a_later_read_opens_another(db, reader, actors,
                                                                         clock):
    svc.record_complaint(db, actors["officer"], intake("ประตูพัง"), clock=clock)
    everything = CaseFilter(queue=Queue.ALL)
    assert reader.count(everything, STAFF, TODAY) == 1
    reader.close()
    assert not reader._held
    assert reader.count(everything, STAFF, TODAY) == 1


def test_disposing_the_engine_closes_the_readers_connection(db, reader, actors, clock):
    """A restore disposes the engine so that no connection holds the file it replaces."""
    everything = CaseFilter(queue=Queue.ALL)
    assert reader.count(everything, STAFF, TODAY) == 0
    db.dispose()
    assert not reader._held
    svc.record_complaint(db, actors["officer"], intake("ประตูพัง"), clock=clock)
    assert reader.count(everything, STAFF, TODAY) == 1


def test_a_capped_search_is_never_read_backwards_from_its_capped_end():
    capped = CaseFilter(queue=Queue.ALL, text=WORD)
    total = case_list.SEARCH_COUNT_CAP
    assert total < case_list.REVERSE_FROM
    assert not case_list.reads_backwards(capped, total - 1, total)


def test_a_capped_count_tells_more_than_the_cap_from_exactly_the_cap(db, reader):
    generate_demo(db, 450, seed=5, today=TODAY)
    for f in (CaseFilter(queue=Queue.ALL, text=WORD), CaseFilter(queue=Queue.CLOSED, text=WORD),
              CaseFilter(queue=Queue.ALL, text="ไฟ"), CaseFilter(queue=Queue.ALL_OPEN)):
        exact = reader.count(f, STAFF, TODAY)
        assert exact == len(expected(db, f, Sort())) and exact > 3, f
        assert reader.count(f, STAFF, TODAY, cap=exact) == exact
        assert reader.count(f, STAFF, TODAY, cap=exact - 1) == exact
        assert reader.count(f, STAFF, TODAY, cap=3) == 4
