"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary directory, a server on
127.0.0.1 at a free port (and a unix socket in the same directory), stopped at the end.

No server outside the test run is assumed. initdb refuses to run as root, so as root the
cluster belongs to an unprivileged user (``postgres``, made by Debian's package, else
``nobody``). The binaries are Debian's, under /usr/lib/postgresql/<version>/bin; when they are
missing and we are not root (root installs them: .ci/system-deps.sh), PostgreSQL tests skip
with a message that says so.

Each test gets its own database, copied from a migrated template (CREATE DATABASE ...
TEMPLATE takes ~50 ms; running the migrations would take a second).

The benchmarks (``make bench DB=postgres``, bench/data.py) start their server with this module
too, with ``durable=True``: the server's default ``fsync``/``synchronous_commit``, so that
write figures are what a real server pays; the tests' cluster turns them off (it is thrown
away, and the tests write a lot).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = "cd_template"
_counter = itertools.count(1)


def postgres_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name
                   .isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _owner() -> pwd.struct_passwd | None:
    """The user the cluster runs as: ourselves, or an unprivileged one when we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("No unprivileged user to run PostgreSQL as (postgres or nobody).")


@dataclass
class Cluster:
    directory: Path
    port: int
    bin_dir: Path
    owner: pwd.struct_passwd | None
    durable: bool = False

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        user = self.owner.pw_name if self.owner else pwd.getpwuid(os.geteuid()).pw_name
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        kwargs: dict = {"check": True, "capture_output": True, "text": True}
        if self.owner is not None:
            owner = self.owner
            kwargs.update(user=owner.pw_uid, group=owner.pw_gid, extra_groups=[],
                          env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
        try:
            subprocess.run(command, **kwargs)
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"{args[0]} failed: {exc.stdout}\n{exc.stderr}") from exc

    def start(self) -> None:
        data = self.directory / "data"
        self._run("initdb", "-D", str(data), "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories={self.directory} -c max_connections=200")
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        else:  # crash-safe, but sized for loading millions of rows (the default is 1 GB)
            options += " -c max_wal_size=2GB"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.directory / "log"),
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop")

    def new_database(self, prefix: str = "t") -> str:
        """A fresh, migrated, empty database; its URL."""
        name = f"{prefix}{os.getpid()}_{next(_counter)}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(sql)


def start_cluster(*, durable: bool = False, directory: Path | None = None) -> Cluster:
    """Start a cluster and make the migrated template; the caller stops it. ``durable``: keep
    the server's crash safety (fsync); ``directory``: where (default: a new temporary one;
    the benchmark puts its cluster beside its cached files: a 1,000,000-case copy is ~8 GB)."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL is not installed")
    owner = _owner()
    directory = Path(tempfile.mkdtemp(prefix="cd-pg-", dir=directory))
    if owner is not None:
        os.chown(directory, owner.pw_uid, owner.pw_gid)
    cluster = Cluster(directory, _free_port(), bin_dir, owner, durable)
    cluster.start()
    try:
        cluster.execute(f"CREATE DATABASE {TEMPLATE}")
        from complaint_desk.store.database import open_database

        open_database(cluster.url(TEMPLATE)).dispose()
    except BaseException:
        remove_cluster(cluster)
        raise
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    try:
        cluster.stop()
    finally:
        shutil.rmtree(cluster.directory, ignore_errors=True)
