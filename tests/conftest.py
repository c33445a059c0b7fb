"""Shared fixtures: real databases initialised like an office's: SQLite files in tmp_path and,
for the layers below the GUI, the same tests again on PostgreSQL (a throwaway cluster,
tests/pg_cluster.py).

Which tests run on both engines: every test under tests/store, tests/services,
tests/exchange and tests/reports that uses ``db`` or ``report_db`` (the code that talks to
the database); the module-wide databases (tests/exchange's ``module_sites``, the dashboard
analysis's) are parametrised over both engines the same way.
GUI and CLI tests run on SQLite only: they reach the database through the same services.
A test about SQLite itself (its files, backups, pragmas, FTS5) says so with
``@pytest.mark.sqlite_only(reason=...)``, the reason naming what is SQLite's.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))  # tests/pg_cluster.py (import mode: importlib)

from complaint_desk.domain.complaint import Actor
from complaint_desk.i18n import set_language
from complaint_desk.services.offices import init_office
from complaint_desk.store.database import Database, open_database
from complaint_desk.store.unit_of_work import UnitOfWork


@pytest.fixture(autouse=True)
def _english_messages():
    """Tests read messages in English unless they switch; Thai tests set it themselves."""
    set_language("en")
    yield
    set_language("en")


TEST_PASSWORD = "pass-for-tests-1"


@pytest.fixture(autouse=True)
def _cli_password(monkeypatch):
    """The CLI signs in (complaint-desk --user U): scripts give the password in the
    environment; `init` takes it as the new administrator's password."""
    monkeypatch.setenv("COMPLAINT_DESK_PASSWORD", TEST_PASSWORD)


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch):
    """Argon2id at its production cost takes ~0.1 s a hash; tests hash hundreds of times.
    Same algorithm, smallest cost (tests/services/test_accounts.py checks the real one)."""
    from argon2 import PasswordHasher

    from complaint_desk.services import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                            parallelism=1))


BOTH_ENGINES_UNDER = ("store", "services", "exchange", "reports")
ENGINES = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only(reason): a test about SQLite itself "
                            "(files, pragmas, backups, FTS5), saying which in its reason; "
                            "not repeated on PostgreSQL")


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:  # (a conftest below may define its own db)
        return
    path = metafunc.definition.path
    layer = path.parent.name
    only = metafunc.definition.get_closest_marker("sqlite_only")
    if only is not None and not only.kwargs.get("reason"):
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: sqlite_only needs a reason= "
                                "saying what about the test is SQLite's")
    both = (layer in BOTH_ENGINES_UNDER and path.parent.parent.name == "tests"
            and only is None)
    metafunc.parametrize("engine", ENGINES if both else ("sqlite",), indirect=True)


@pytest.fixture
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster for the whole run, started by the first test that needs it."""
    import pg_cluster as clusters

    if clusters.postgres_bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (as root, `make test` installs it; otherwise "
                    "ask for: apt-get install postgresql)")
    cluster = clusters.start_cluster()
    yield cluster
    clusters.remove_cluster(cluster)


def database_for(engine: str, request, tmp_path) -> Database:
    """A new empty, migrated database of the engine (not yet an office)."""
    if engine == "sqlite":
        return open_database(tmp_path / "office.db")
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database()
    request.addfinalizer(lambda: cluster.drop_database(url))
    return open_database(url)


@pytest.fixture
def db(engine, request, tmp_path) -> Database:
    database = database_for(engine, request, tmp_path)
    init_office(database, code="BKK1", name="สำนักงานทดสอบ 1")
    yield database
    database.dispose()


@pytest.fixture
def actors(db) -> dict[str, Actor]:
    from complaint_desk.services.users import actor_from_row, add_user

    found: dict[str, Actor] = {}
    with UnitOfWork(db) as uow:
        for role in ("officer", "handler", "supervisor", "executive", "clerk"):
            found[role] = actor_from_row(add_user(uow, username=f"t.{role}",
                                                  display_name=f"ผู้ทดสอบ {role}", role=role))
        uow.commit()
    from complaint_desk.services.users import actor_for

    found["admin"] = actor_for(db, "admin")
    return found


@pytest.fixture
def signed_in_cli(db, actors) -> dict[str, Actor]:
    """Every test actor (and admin) has TEST_PASSWORD, so the CLI can sign in as any of them."""
    from complaint_desk.services.accounts import _set_password

    with UnitOfWork(db) as uow:
        for actor in actors.values():
            _set_password(uow, actor.user_id, TEST_PASSWORD, datetime(2024, 1, 1),
                          must_change=False)
        uow.commit()
    return actors


class Clock:
    """A settable clock for services: ``clock.now = datetime(...)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 8, 5, 9, 30))


@pytest.fixture(scope="session")
def _report_databases(tmp_path_factory):
    """The report demo office of each engine, made when a test first asks for it."""
    made: dict[str, Database] = {}

    def get(engine: str, request) -> Database:
        if engine not in made:
            from datetime import date

            from complaint_desk.services.demo import generate_demo

            if engine == "sqlite":
                database = open_database(tmp_path_factory.mktemp("reports") / "demo.db")
            else:
                database = open_database(request.getfixturevalue("pg_cluster").new_database())
            init_office(database, code="BKK1", name="สำนักงานเคหะชุมชนกรุงเทพฯ 1")
            generate_demo(database, 1500, seed=7, today=date(2024, 9, 15))
            made[engine] = database
        return made[engine]

    yield get
    for database in made.values():
        database.dispose()


@pytest.fixture
def report_db(engine, request, _report_databases) -> Database:
    """A demo office (1,500 fictitious cases up to 15 Sep 2024) shared by the read-only
    report tests, one per engine for the whole run (the service tests run on both, the GUI
    and CLI ones on SQLite); tests that write use ``db`` instead."""
    return _report_databases(engine, request)


@pytest.fixture
def thai():
    """Messages in Thai for the test (documents are Thai first)."""
    set_language("th")
    yield
    set_language("en")
