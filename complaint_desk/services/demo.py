"""Realistic, plainly fictitious Thai demo data, fast enough for a million cases.

Each case is walked through the same steps as the services (record, acknowledge, assess,
assign level, notes, respond, close, review, withdraw), changing the same fields, so the
events replay to the row and the KPIs mean something. Rows are written with executemany in
one transaction per batch; the event hash chain is computed as for any event.
Deterministic for a given seed and ``today``.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from queue import Empty, Full
from typing import Any

from sqlalchemy import select

from complaint_desk.domain.calendar import WorkingCalendar, be_year
from complaint_desk.domain.complaint import COMPLAINT_FIELDS, format_reference
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.levels import LEGAL_NOTICE_DAYS
from complaint_desk.resources_path import resource_path
from complaint_desk.services.complaints import complainant_secret, keyed_hash
from complaint_desk.services.offices import HOME_OFFICE_KEY, ensure_office
from complaint_desk.services.users import add_user
from complaint_desk.store import engine_features, events, search
from complaint_desk.store.database import Database
from complaint_desk.store.engine_features import paramstyle_sql, raw_value
from complaint_desk.store.mapping import canonical_json, json_value
from complaint_desk.store.models import User
from complaint_desk.store.unit_of_work import UnitOfWork

CHANNEL_WEIGHTS = {
    "walk_in": 18, "letter": 8, "telephone": 22, "email": 6, "website": 10, "line": 14,
    "facebook": 6, "hotline_1111": 7, "damrongdhama": 4, "forwarded": 2, "news_media": 1,
    "other": 2,
}  # fmt: skip
CATEGORY_WEIGHTS = {
    "repair": 24, "utilities": 14, "common_area": 10, "security": 5, "payment": 10,
    "contract": 6, "construction": 5, "neighbour": 8, "staff_conduct": 5, "corruption": 1,
    "information": 7, "environment": 4, "other": 1,
}  # fmt: skip
# Level weights (1..4) by category: delegated authority follows the kind of case.
LEVEL_WEIGHTS = {
    "information": (80, 18, 2, 0), "staff_conduct": (0, 40, 50, 10), "corruption": (0, 0, 10, 90),
    "contract": (5, 35, 55, 5), "payment": (20, 50, 28, 2),
}  # fmt: skip
DEFAULT_LEVEL_WEIGHTS = (15, 65, 18, 2)
UNIT_BY_CATEGORY = {
    "repair": "กองซ่อมบำรุง", "utilities": "กองซ่อมบำรุง", "common_area": "กองบริหารชุมชน",
    "security": "กองบริหารชุมชน", "payment": "กองการเงินและบัญชี", "contract": "กองนิติการ",
    "construction": "กองควบคุมการก่อสร้าง", "neighbour": "กองบริหารชุมชน",
    "staff_conduct": "กองลูกค้าสัมพันธ์", "corruption": "ผู้บริหารระดับสูง",
    "information": "กองลูกค้าสัมพันธ์", "environment": "กองบริหารชุมชน", "other": "กองลูกค้าสัมพันธ์",
}  # fmt: skip
TARGETS = {1: 3, 2: 15, 3: 30, 4: 45}
ROLES = ("officer", "handler", "supervisor", "executive", "clerk")
BATCH = 5000  # cases per transaction: also the steps of the progress bar and of cancelling
# The page cache while generating (KiB, SQLite's negative cache_size): the 20-odd indexes of
# a million cases do not fit the program's 64 MiB, and re-reading evicted pages tripled the
# I/O (measured at 200,000 cases: 7.3 GB read, 7.2 GB written → 2.1 / 3.8 GB).
BULK_CACHE_KIB = 524_288
# From this many cases on, the search index is built once at the end instead of by triggers.
BULK_SEARCH_INDEX = 20_000

_COLUMNS = [*COMPLAINT_FIELDS, "complainant_key", "created_at", "updated_at", "id"]
_BOOL = {"complainant_anonymous", "significant", "about_staff", "complainant_accepts"}


_AS_IS = frozenset({str, int, float, type(None)})


def _sql_value(value: Any, dialect: str) -> Any:
    """Values as SQLAlchemy writes them (so the ORM reads them back unchanged); whole seconds.
    Runs for every column of a million rows: the common kinds are checked first."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is datetime and dialect == "sqlite":  # demo times are whole seconds
        return value.isoformat(" ", "seconds") + ".000000"
    if isinstance(value, datetime):
        return raw_value(value.replace(microsecond=0), dialect)
    if isinstance(value, date | bool):
        return raw_value(value, dialect)
    return json_value(value)


@dataclass
class _Case:
    state: dict[str, Any]
    steps: list[tuple[str, datetime, str, dict[str, list[Any]], dict[str, Any]]] = field(
        default_factory=list)

    def step(self, kind: str, at: datetime, actor: str, extra: dict[str, Any] | None = None,
             **changes: Any) -> None:
        diff = {}
        for name, value in changes.items():
            before = self.state.get(name)
            if before != value:
                diff[name] = [json_value(before), json_value(value)]
                self.state[name] = value
        self.steps.append((kind, at, actor, diff, extra or {}))


def _valid_national_id(rng: random.Random) -> str:
    digits = [rng.randint(1, 8)] + [rng.randint(0, 9) for _ in range(11)]
    total = sum(d * (13 - i) for i, d in enumerate(digits))
    return "".join(map(str, digits)) + str((11 - total % 11) % 10)


class DemoGenerator:
    def __init__(self, seed: int, today: date, calendar: WorkingCalendar,
                 offices: list[tuple[str, str]]) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.now = datetime.combine(today, time(17, 0))
        self.calendar = calendar
        self.offices = offices
        with open(resource_path("seed", "demo_th.json"), encoding="utf-8") as handle:
            self.words: dict[str, Any] = json.load(handle)
        self._channels = list(CHANNEL_WEIGHTS)
        self._channel_w = list(CHANNEL_WEIGHTS.values())
        self._categories = list(CATEGORY_WEIGHTS)
        self._category_w = list(CATEGORY_WEIGHTS.values())
        self._people: list[tuple[str, str]] = []

    def _uuid(self) -> str:
        return str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))

    def _pick(self, key: str) -> Any:
        return self.rng.choice(self.words[key])

    def _work_time(self, day: date, late: bool = False) -> datetime:
        hour = self.rng.randint(8, 16) if not late else self.rng.randint(0, 23)
        return datetime.combine(day, time(hour, self.rng.randint(0, 59), self.rng.randint(0, 59)))

    def _after(self, moment: datetime, working_days: int) -> datetime:
        day = self.calendar.add_working_days(moment.date(), working_days)
        at = self._work_time(day)
        return at if at > moment else moment + timedelta(minutes=self.rng.randint(5, 90))

    def received_times(self, n: int) -> list[datetime]:
        start = self.today - timedelta(days=3 * 365)
        span = (self.today - start).days
        times = []
        for _ in range(n):
            # More recent months are busier (the office's volume grows).
            day = start + timedelta(days=int(span * (self.rng.random() ** 0.8)))
            if day.weekday() >= 5 and self.rng.random() < 0.7:
                day -= timedelta(days=day.weekday() - 4)
            times.append(self._work_time(day, late=self.rng.random() < 0.15))
        return sorted(t for t in times if t <= self.now)

    def case(self, received_at: datetime, office: str, reference: str,
             actors: dict[str, str]) -> _Case:
        rng, now = self.rng, self.now
        channel = rng.choices(self._channels, self._channel_w)[0]
        category = rng.choices(self._categories, self._category_w)[0]
        anonymous = rng.random() < 0.12
        national_id: str | None
        if not anonymous and self._people and rng.random() < 0.1:
            name, national_id = rng.choice(self._people)  # a repeat complainant
        else:
            title = rng.choice(self.words["titles"])
            name = f"{title}{self._pick('first_names')} {self._pick('surnames')}"
            national_id = None if anonymous or rng.random() < 0.4 else _valid_national_id(rng)
            if national_id and len(self._people) < 5000:
                self._people.append((name, national_id))
        project = self._pick("projects")
        state: dict[str, Any] = {name_: None for name_ in COMPLAINT_FIELDS}
        state.update(complainant_anonymous=False, significant=False, about_staff=False,
                     review_count=0, version=1)
        c = _Case(state)
        ack_due = self.calendar.add_working_days(received_at.date(), 1)
        c.step("record", received_at + timedelta(minutes=rng.randint(1, 30)), actors["officer"],
               uuid=self._uuid(), reference=reference, office_code=office, channel=channel,
               received_at=received_at, status="received",
               subject=rng.choice(self.words["subjects"][category]),
               description=rng.choice(self.words["details"]).format(n=rng.randint(1, 6)),
               complainant_anonymous=anonymous,
               complainant_name=None if anonymous else name,
               complainant_national_id=national_id,
               complainant_phone=None if rng.random() < 0.2 else f"08{rng.randint(10000000, 99999999)}",
               complainant_email=None if rng.random() < 0.7 else f"demo{rng.randint(1, 99999)}@example.com",
               complainant_address=None if anonymous else (
                   f"{rng.randint(1, 999)}/{rng.randint(1, 99)} {self._pick('streets')} {project}"),
               project=project, building=f"อาคาร {rng.randint(1, 40)}",
               unit=f"{rng.randint(1, 15)}{rng.randint(1, 30):02d}",
               request=self._pick("requests"), category_code=None,
               about_staff=category in ("staff_conduct", "corruption"),
               ack_due_on=ack_due,
               notice_due_on=received_at.date() + timedelta(days=LEGAL_NOTICE_DAYS))
        # Acknowledge: mostly on time.
        ack_days = 0 if rng.random() < 0.55 else (1 if rng.random() < 0.8 else rng.randint(2, 4))
        ack_at = self._after(received_at, ack_days)
        if ack_at > now:
            return c
        c.step("acknowledge", ack_at, actors["officer"], status="acknowledged",
               acknowledged_at=ack_at)
        if rng.random() < 0.02:
            self._withdraw(c, self._after(ack_at, 1), actors)
            return c
        assess_at = self._after(ack_at, rng.choice((0, 0, 1, 2)))
        if assess_at > now:
            return c
        if rng.random() < 0.05:
            reason = rng.choice(("out_of_scope", "duplicate", "insufficient_information"))
            c.step("assess", assess_at, actors["supervisor"], status="closed",
                   closure="not_accepted", assessed_at=assess_at, closed_at=assess_at,
                   category_code=category, not_accepted_reason=reason,
                   not_accepted_note="ตรวจสอบแล้วไม่อยู่ในอำนาจหน้าที่" if reason == "out_of_scope" else None,
                   duplicate_of=None)
            return c
        significant = category == "corruption" or rng.random() < 0.02
        c.step("assess", assess_at, actors["supervisor"], status="assessed", assessed_at=assess_at,
               category_code=category, severity=rng.choice(("low", "medium", "medium", "high")),
               significant=significant)
        assign_at = self._after(assess_at, rng.choice((0, 0, 1)))
        if assign_at > now:
            return c
        weights = LEVEL_WEIGHTS.get(category, DEFAULT_LEVEL_WEIGHTS)
        level = 4 if significant else rng.choices((1, 2, 3, 4), weights)[0]
        due = self.calendar.add_working_days(received_at.date(), TARGETS[level])
        assigner = actors["executive"] if level == 4 else actors["supervisor"]
        c.step("assign_level", assign_at, assigner, status="investigating", level=level,
               due_on=due, responsible_unit=UNIT_BY_CATEGORY[category],
               responsible_person=None)
        self._resolve(c, assign_at, received_at.date(), level, actors)
        return c

    def _withdraw(self, c: _Case, at: datetime, actors: dict[str, str]) -> None:
        if at <= self.now:
            c.step("withdraw", at, actors["officer"], status="closed", closure="withdrawn",
                   closed_at=at)

    def _handler(self, level: int, actors: dict[str, str]) -> str:
        return {1: actors["officer"], 2: actors["handler"], 3: actors["supervisor"]}.get(
            level, actors["executive"])

    def _resolve(self, c: _Case, start: datetime, due_from: date, level: int,
                 actors: dict[str, str]) -> None:
        rng, now = self.rng, self.now
        target = TARGETS[level]
        factor = rng.lognormvariate(-1.0, 0.55)  # ~85% closed within the target
        respond_at = self._after(start, max(0, int(target * factor)))
        for _ in range(rng.choice((0, 1, 1, 2))):
            note_at = start + (respond_at - start) * rng.random()
            if note_at > now:
                break
            c.step("add_note", note_at, self._handler(level, actors),
                   extra={"note": self._pick("notes"), "note_kind": "investigation"})
        if respond_at > now:
            if rng.random() < 0.01:
                self._withdraw(c, now - timedelta(hours=rng.randint(1, 48)), actors)
            return
        reviewing = c.state["status"] == "under_review"
        c.step("respond", respond_at, self._handler(level, actors), status="responded",
               decision=self._pick("decisions"), reasons=self._pick("reasons"),
               redress=self._pick("redress") or None, responded_at=respond_at,
               communicated_on=respond_at.date(),
               review_outcome=(self._pick("decisions") if reviewing else c.state["review_outcome"]))
        close_at = self._after(respond_at, rng.choice((0, 0, 0, 1, 1, 2)))
        if close_at > now:
            return
        satisfaction = None if rng.random() < 0.25 else rng.choices((1, 2, 3, 4, 5), (5, 8, 17, 40, 30))[0]
        accepts = satisfaction is None or satisfaction >= 3 or rng.random() < 0.3
        closer = actors["executive"] if level == 4 else (
            actors["officer"] if level == 1 else actors["supervisor"])
        c.step("close", close_at, closer, status="closed", closure="resolved", closed_at=close_at,
               complainant_accepts=accepts, satisfaction=satisfaction,
               root_cause=self._pick("root_causes"),
               corrective_action=self._pick("corrective_actions"))
        if not accepts and c.state["review_count"] < 2 and rng.random() < 0.5:
            review_at = self._after(close_at, rng.randint(1, 10))
            if review_at > now:
                return
            internal = rng.random() < 0.75
            new_level = min(level + 1, 4) if internal else level
            due = self.calendar.add_working_days(review_at.date(), TARGETS[new_level])
            c.step("start_review", review_at, actors["officer"], status="under_review",
                   closure=None, closed_at=None, review_count=c.state["review_count"] + 1,
                   review_route="internal" if internal else "external",
                   review_body=None if internal else self._pick("review_bodies"),
                   reviewed_at=review_at, level=new_level, due_on=due, review_outcome=None)
            self._resolve(c, review_at, review_at.date(), new_level, actors)


DEMO_STAFF = {
    "officer": ("นางสาวสุดา ทดสอบดี", "เจ้าหน้าที่รับเรื่อง"),
    "handler": ("นายวิชัย ตัวอย่างงาม", "หัวหน้างานซ่อมบำรุง"),
    "supervisor": ("นางมาลี สมมติสุข", "ผู้อำนวยการกอง"),
    "executive": ("นายประเสริฐ ทดลองใจ", "รองผู้ว่าการ"),
    "clerk": ("นางสาวรัตนา ตัวอย่างยิ่ง", "เจ้าหน้าที่ธุรการ"),
}


def _demo_users(uow: UnitOfWork, office: str) -> dict[str, tuple[int, str]]:
    """One plainly fictitious member of staff per role and office (``bkk1.officer`` ...)."""
    found: dict[str, tuple[int, str]] = {}
    for role in ROLES:
        username = f"{office.lower()}.{role}"
        user = uow.session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            name, position = DEMO_STAFF[role]
            user = add_user(uow, username=username, display_name=f"{name} ({office})", role=role,
                            office_code=office, position=position)
        found[role] = (user.id, user.username)
    return found


def generate_demo(db: Database, complaints: int, *, seed: int = 1, offices: int | None = None,
                  office_code: str | None = None, today: date | None = None,
                  progress: Callable[[int, int], bool | None] | None = None,
                  writer_process: bool = False) -> int:
    """Add ``complaints`` demo cases to the home office, one named office, or ``offices``
    offices (headquarters style). Returns the number written. ``writer_process``: write in
    a child process while this one makes the next rows (two cores; see below); the same
    rows either way."""
    if complaints < 0:
        raise ValidationError(N_("The number of complaints cannot be negative."),
                              field="complaints")
    today = today or date.today()
    with open(resource_path("seed", "demo_th.json"), encoding="utf-8") as handle:
        known_offices: list[list[str]] = json.load(handle)["offices"]
    with UnitOfWork(db) as uow:
        home = uow.setting(HOME_OFFICE_KEY)
        if home is None:
            raise ValidationError(N_("This database has no office yet: run `complaint-desk "
                                     "init` first."), field="office")
        if offices:
            if not 1 <= offices <= len(known_offices):
                raise ValidationError(N_("Choose between 1 and {max} offices."), field="offices",
                                      max=len(known_offices))
            chosen = [(c, n) for c, n in known_offices[:offices]]
        else:
            code = office_code or home
            names = dict((c, n) for c, n in known_offices)
            chosen = [(code, names.get(code, code))]
        users: dict[str, dict[str, tuple[int, str]]] = {}
        for code, name in chosen:
            ensure_office(uow, code, name)
            uow.session.flush()
            users[code] = _demo_users(uow, code)
        calendar = uow.calendar()
        secret = complainant_secret(uow)
        # Marks a demo database: its passwordless demo users may sign in (services/accounts).
        uow.set_setting("demo_data", "true")
        uow.commit()
    generator = DemoGenerator(seed, today, calendar, chosen)
    times = generator.received_times(complaints)
    assignments = [(t, generator.rng.choice(chosen)[0]) for t in times]
    dialect = db.engine.dialect.name
    pipelined = writer_process and "fork" in multiprocessing.get_all_start_methods()
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        program_cache = None
        if db.is_sqlite:
            (program_cache,) = cursor.execute("PRAGMA cache_size").fetchone()
            cursor.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        # Index the text for search once at the end, not row by row (store/search.py).
        suspended = db.is_sqlite and len(assignments) >= BULK_SEARCH_INDEX and \
            search.suspend_search_triggers(cursor)
        batches = _Batches(cursor, dialect, generator, users, secret)
        if pipelined:
            # SQLite: no connection may be open in this process across fork() (the child
            # would inherit its lock bookkeeping); this process reconnects once it has forked.
            raw.close()
            db.engine.dispose()

            def reconnect() -> None:
                nonlocal raw, cursor
                raw = db.engine.raw_connection()
                cursor = raw.cursor()
                if db.is_sqlite:
                    cursor.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
                batches.cursor = cursor

            batches.ahead = True
            written = _write_in_another_process(db, batches, assignments, progress, reconnect)
        else:
            written = _write_here(raw, cursor, dialect, batches, assignments, progress)
        if suspended:
            search.resume_search_triggers(cursor)
        if program_cache is not None:  # the pooled connection's own size again
            cursor.execute(f"PRAGMA cache_size={int(program_cache)}")
    finally:
        raw.close()
    return written


Rows = tuple[list[list[Any]], list[tuple[Any, ...]], list[tuple[str, int, int, int]], int]


class _Batches:
    """Makes each batch's rows: the cases, their events (the writer hashes them into the
    chain), the reference counters before and after it, and the first case id it assumed.
    Made inside the batch's write transaction (``fresh``: counters re-read, as other
    programs may write between batches), or ahead of it for a writer process (counters
    carried from batch to batch; the writer moves the ids along if other cases arrived
    meanwhile and refuses the batch if another writer numbered the same office's year)."""

    def __init__(self, cursor: Any, dialect: str, generator: DemoGenerator,
                 users: dict[str, dict[str, tuple[int, str]]], secret: str) -> None:
        self.cursor, self.dialect, self.generator = cursor, dialect, generator
        self.users, self.secret = users, secret
        cursor.execute("SELECT coalesce(max(id), 0) FROM complaints")
        self.next_id = cursor.fetchone()[0] + 1
        self.counters: dict[tuple[str, int], int] = {}
        self.ahead = False  # rows made outside the writer's transaction
        if dialect != "sqlite":  # end the reading transaction: the writer takes the lock
            cursor.connection.rollback()

    def make(self, chunk: list[tuple[datetime, str]]) -> Rows:
        cursor, dialect, generator, secret = self.cursor, self.dialect, self.generator, self.secret
        first_id = next_id = self.next_id
        counters = self.counters
        starts: dict[tuple[str, int], int] = {}  # each counter as this batch found it
        complaint_rows, event_rows = [], []
        for received_at, office in chunk:
            key = (office, be_year(received_at))
            if key not in counters:  # no batch has numbered this office's year yet
                cursor.execute(paramstyle_sql("SELECT last FROM reference_counters "
                                              "WHERE office_code = ? AND be_year = ?", dialect),
                               key)
                found = cursor.fetchone()
                counters[key] = found[0] if found else 0
                if self.ahead and dialect != "sqlite":
                    cursor.connection.rollback()
            if key not in starts:
                starts[key] = counters[key]
            counters[key] += 1
            reference = format_reference(office, key[1], counters[key])
            users = self.users[office]
            actors = {role: name for role, (_, name) in users.items()}
            ids = {name: uid for uid, name in users.values()}
            case = generator.case(received_at, office, reference, actors)
            state = case.state
            last_at = case.steps[-1][1]
            state["version"] = len(case.steps)
            row = [_sql_value(state[name], dialect) for name in COMPLAINT_FIELDS]
            national_id = state["complainant_national_id"]
            row += [keyed_hash(secret, national_id) if national_id else None,
                    _sql_value(case.steps[0][1], dialect), _sql_value(last_at, dialect), next_id]
            complaint_rows.append(row)
            for kind, at, actor, diff, extra in case.steps:
                event_uuid = generator._uuid()
                data = canonical_json({"changes": diff, **extra})
                at = at.replace(microsecond=0)
                event_rows.append((event_uuid, next_id, _sql_value(at, dialect), ids[actor],
                                   actor, kind, data, state["uuid"], at))
            next_id += 1
        self.next_id = next_id
        counter_rows = [(office, year, start, counters[(office, year)])
                        for (office, year), start in starts.items()]
        return complaint_rows, event_rows, counter_rows, first_id


def _last_hash(cursor: Any) -> str:
    cursor.execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1")
    found = cursor.fetchone()
    return str(found[0]) if found else events.GENESIS


def _write_rows(cursor: Any, dialect: str, rows: Rows) -> None:
    """One batch, inside the caller's write transaction: its cases numbered after the last
    case here, its events hashed into the chain after the last event here. Refuses when
    another program numbered the same office's year since the rows were made (their
    references would repeat)."""
    complaint_rows, made, counter_rows, first_id = rows
    for office, year, start, _last in counter_rows:
        cursor.execute(paramstyle_sql("SELECT last FROM reference_counters "
                                      "WHERE office_code = ? AND be_year = ?", dialect),
                       (office, year))
        found = cursor.fetchone()
        if (found[0] if found else 0) != start:
            raise _moved()
    cursor.execute("SELECT coalesce(max(id), 0) FROM complaints")
    shift = cursor.fetchone()[0] + 1 - first_id  # cases others wrote since: 0 when alone
    if shift:
        complaint_rows = [[*row[:-1], row[-1] + shift] for row in complaint_rows]
    prev_hash = _last_hash(cursor)
    event_rows = []
    for event_uuid, complaint_id, at_value, actor_id, actor, kind, data, case, at in made:
        complaint_id += shift
        digest = events.chain_hash(prev_hash, events.event_content(
            uuid=event_uuid, complaint_uuid=case, at=at, actor_name=actor, kind=kind,
            data=data))
        event_rows.append((event_uuid, complaint_id, at_value, actor_id, actor, kind, data,
                           prev_hash, digest))
        prev_hash = digest
    marks = engine_features.placeholders(dialect, len(_COLUMNS))
    cursor.executemany(f"INSERT INTO complaints ({', '.join(_COLUMNS)}) VALUES ({marks})",
                       complaint_rows)
    cursor.executemany(paramstyle_sql(
        "INSERT INTO events (uuid, complaint_id, at, actor_id, actor_name, kind, "
        "data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", dialect), event_rows)
    cursor.executemany(paramstyle_sql(
        "INSERT INTO reference_counters (office_code, be_year, last) VALUES (?, ?, ?) "
        "ON CONFLICT (office_code, be_year) DO UPDATE SET last = excluded.last", dialect),
        [(office, year, last) for office, year, _start, last in counter_rows])
    engine_features.move_id_sequences(cursor, dialect, ("complaints", "events"))


def _moved() -> ValidationError:
    return ValidationError(N_("The database changed while demo data was being written; the "
                              "demo data written so far stays."), field="complaints")


def _write_batch_now(raw: Any, cursor: Any, dialect: str, rows: Rows) -> None:
    with engine_features.raw_write_transaction(raw, cursor, dialect):
        _write_rows(cursor, dialect, rows)


def _write_here(raw: Any, cursor: Any, dialect: str, batches: _Batches,
                assignments: list[tuple[datetime, str]],
                progress: Callable[[int, int], bool | None] | None) -> int:
    written = 0
    for start in range(0, len(assignments), BATCH):
        chunk = assignments[start:start + BATCH]
        # made inside the lock, counters re-read: other programs may write in between
        with engine_features.raw_write_transaction(raw, cursor, dialect):
            batches.counters.clear()
            _write_rows(cursor, dialect, batches.make(chunk))
        written += len(chunk)
        if progress is not None and progress(written, len(assignments)) is False:
            break
    return written


# --- making rows in this process, writing them in another --------------------------------
# Making a case's steps and JSON is Python work (~60 % of the time at a million cases, with
# the hash chain); inserting them into the tables' indexes is SQLite's (~40 %). With the
# writer in a child process the two run on two cores: the generator hands each batch over a
# queue (two batches ahead at most) and the writer numbers its cases after the last one
# there, hashes its events into the chain (which needs no random numbers, so it balances the
# two) and commits it, one transaction a batch as before. The rows are the same, made in the
# same order: the same bytes for the same seed. Forked (POSIX only; elsewhere everything is
# written here): the child inherits the modules and opens its own connection.

_AHEAD = 2


def _writer(db: Database, batches: Any, results: Any, stop: Any) -> None:
    db.engine.dispose(close=False)  # the parent's pooled connections stay the parent's
    try:
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            dialect = db.engine.dialect.name
            if dialect == "sqlite":
                cursor.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            while (rows := batches.get()) is not None and not stop.is_set():
                _write_batch_now(raw, cursor, dialect, rows)
                results.put(("written", len(rows[0])))
        finally:
            raw.close()
    except BaseException as error:  # reported to the parent, which raises it
        results.put(("failed", "moved" if isinstance(error, ValidationError) else repr(error)))
        return
    results.put(("done", 0))


def _write_in_another_process(db: Database, batches: _Batches,
                              assignments: list[tuple[datetime, str]],
                              progress: Callable[[int, int], bool | None] | None,
                              reconnect: Callable[[], None]) -> int:
    context = multiprocessing.get_context("fork")
    queue: Any = context.Queue(maxsize=_AHEAD)
    results: Any = context.Queue()
    stop = context.Event()  # cancelled: the batches handed over but not begun are dropped
    child = context.Process(target=_writer, args=(db, queue, results, stop), daemon=True)
    child.start()
    written, failure, finished, stopped = 0, None, False, False

    def take(block: bool) -> None:
        nonlocal written, failure, finished, stopped
        while not finished:
            try:
                kind, value = results.get(block=block, timeout=None if block else 0)
            except Empty:
                if not child.is_alive() and results.empty():
                    finished, failure = True, failure or "the writer process ended"
                return
            if kind == "written":
                written += value
                if not stopped and progress is not None and \
                        progress(written, len(assignments)) is False:
                    stopped = True
                    stop.set()
            elif kind == "failed":
                failure, finished = value, True
            else:
                finished = True
            block = False

    try:
        reconnect()
        for start in range(0, len(assignments), BATCH):
            take(block=False)
            if stopped or finished:
                break
            rows = batches.make(assignments[start:start + BATCH])
            while not finished:  # wait for room, still hearing of a failed writer
                try:
                    queue.put(rows, timeout=0.5)
                    break
                except Full:
                    take(block=False)
        while not finished:  # the end, unless the writer ended first (failed, cancelled)
            try:
                queue.put(None, timeout=0.5)
                break
            except Full:
                take(block=False)
        while not finished:
            take(block=True)
    finally:
        queue.cancel_join_thread()  # rows left unread (cancelled) must not hold this process
        child.join(timeout=60)
        if child.is_alive():
            child.terminate()
    if failure == "moved":
        raise _moved()
    if failure is not None:
        raise RuntimeError(f"demo writer: {failure}")
    return written
