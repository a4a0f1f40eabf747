"""A real PostgreSQL server for the warehouse tests: Debian's binaries, a data folder and a socket of its own.

The server listens on a Unix socket in its own temporary folder only (no TCP port: parallel test workers
each start their own without clashing) and stops when the session ends. initdb and postgres refuse to run
as root, so under root both run as the unprivileged user ``nobody``, which owns the folder. Without the
binaries the tests fail, saying what to install; they never skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

MISSING = "PostgreSQL's server binaries (initdb, pg_ctl) are missing: install Debian's postgresql package"


@dataclass(frozen=True)
class Postgres:
    """Where a test connects: the socket folder, the port naming the socket, the superuser."""

    host: str
    port: int = 5432
    user: str = "planops"
    dbname: str = "postgres"

    def conninfo(self) -> str:
        return f"host={self.host} port={self.port} user={self.user} dbname={self.dbname}"


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl: pg_config's, else Debian's newest, else on PATH."""
    candidates: list[str] = []
    if pg_config := shutil.which("pg_config"):
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=30, check=False)
        candidates.append(found.stdout.strip())
    by_version = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name or 0))
    candidates += reversed(by_version)
    if initdb := shutil.which("initdb"):
        candidates.append(str(Path(initdb).resolve().parent))
    for folder in candidates:
        if folder and all((Path(folder) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _as_server_user(folder: Path) -> dict[str, object]:
    """Popen arguments that run the server unprivileged: as ``nobody`` when this is root, else as is."""
    if os.geteuid() != 0:
        return {}
    nobody = pwd.getpwnam("nobody")
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": [], "env": {"PATH": os.defpath}}


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    binaries = server_binaries()
    if binaries is None:
        pytest.fail(MISSING, pytrace=False)
    folder = Path(tempfile.mkdtemp(prefix="planops-pg-"))  # short: a socket path has at most 107 bytes
    run = _as_server_user(folder)
    data, log = folder / "data", folder / "server.log"
    initdb = [str(binaries / "initdb"), "-D", str(data), "-U", "planops", "--auth=trust", "-E", "UTF8", "--no-locale"]
    subprocess.run(initdb, check=True, capture_output=True, timeout=300, cwd=folder, **run)  # type: ignore[call-overload]
    # No TCP, no fsync, no parallel workers (the tests' workers already share the cores).
    options = f"-k {folder} -c listen_addresses='' -p 5432 -F -c max_parallel_workers_per_gather=0"
    ctl = [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "120", "-o", options]
    subprocess.run([*ctl, "start"], check=True, capture_output=True, timeout=180, cwd=folder, **run)  # type: ignore[call-overload]
    try:
        yield Postgres(str(folder))
    finally:
        subprocess.run([*ctl, "-m", "fast", "stop"], check=False, capture_output=True, timeout=180, cwd=folder, **run)  # type: ignore[call-overload]
        shutil.rmtree(folder, ignore_errors=True)
