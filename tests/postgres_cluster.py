"""A throwaway PostgreSQL cluster for the tests and the benchmarks: initdb into a temporary folder, a unix socket
in that folder on a free port, pg_ctl start and stop. Nothing is mocked: it is Debian's own server.

initdb refuses to run as root, so as root the cluster is made and run as the ``postgres`` user (runuser).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SEARCHED = [Path(f"/usr/lib/postgresql/{v}/bin") for v in (17, 16, 15, 14, 13)]


def server_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None when no PostgreSQL server is installed."""
    if os.environ.get("ASSETREG_PG_BIN"):
        return Path(os.environ["ASSETREG_PG_BIN"])
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    return next((folder for folder in SEARCHED if (folder / "initdb").exists()), None)


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One running server; ``url(name)`` names a database on it, ``create(name, template)`` makes one."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="assetreg-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        if self.as_root:
            shutil.chown(self.folder, "postgres")
        self.superuser = "postgres"

    def _run(self, *command: str) -> subprocess.CompletedProcess:
        argv = ["runuser", "-u", "postgres", "--", *command] if self.as_root else list(command)
        return subprocess.run(argv, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> Cluster:
        self._run(
            str(self.binaries / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.superuser,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        )
        options = f"-k {self.folder} -p {self.port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
        options += " -c full_page_writes=off -c max_connections=200"
        log = str(self.folder / "log")
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")
        return self

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str, user: str | None = None) -> str:
        return f"postgresql+psycopg://{user or self.superuser}@/{database}?host={self.folder}&port={self.port}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Runs one statement outside a transaction (CREATE DATABASE cannot run inside one)."""
        import psycopg

        with psycopg.connect(
            host=str(self.folder), port=self.port, user=self.superuser, dbname=database, autocommit=True
        ) as connection:
            connection.execute(statement)

    def create(self, name: str | None = None, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); returns its name."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
