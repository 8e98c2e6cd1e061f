"""A real, throwaway PostgreSQL server for the test suite.

Two ways to get one:

* ``FIELDAPP_TEST_PG_URL`` is set to the SQLAlchemy URL of a server you give, e.g.
  ``postgresql+psycopg://user:secret@db.example:5432/postgres``: that server is used, and
  the test databases are created on it (and dropped again). The user needs CREATEDB.
* Otherwise a private cluster is ``initdb``-ed into a fresh temporary directory and started
  with ``pg_ctl`` on 127.0.0.1 and a free TCP port, its unix socket inside that directory
  (under /dev/shm when that tmpfs has room, as database creation is much faster there).
  The binaries come from ``/usr/lib/postgresql/*/bin`` (Debian's ``postgresql`` package,
  the newest version if several) or else from ``PATH``. PostgreSQL refuses to run as root,
  so under root (as in CI) the cluster runs as the ``postgres`` system user.

The cluster trades durability for speed (``fsync``, ``synchronous_commit`` and
``full_page_writes`` off) and allows 300 connections for the concurrent sync tests.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Self

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

ENV_URL = "FIELDAPP_TEST_PG_URL"
"""Environment variable naming an existing server to use instead of a private one."""

SUPERUSER = "fieldapp"
"""Superuser of the private cluster (trust authentication, no password)."""

SYSTEM_USER = "postgres"
"""System user that runs the private cluster when the tests run as root."""

DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
DRIVER = "postgresql+psycopg"
MAX_CONNECTIONS = 300
HOST = "127.0.0.1"

_TOOLS = ("initdb", "pg_ctl", "postgres")
_PORT_ATTEMPTS = 3
_EXTERNAL_WAIT = 10.0  # a given server should be up already
_LOG_TAIL_LINES = 40
# A unix socket path must fit in sockaddr_un.sun_path (108 bytes on Linux); the socket is
# "<tmpdir>/.s.PGSQL.<port>" with tmpdir "<base>/fieldapp-pg-XXXXXXXX".
_MAX_TMP_BASE_LEN = 64
# The cluster goes to tmpfs when there is room: ~40 MB plus ~8 MB per live test database.
_SHM = "/dev/shm"
_SHM_MIN_FREE = 1 << 30

_SERVER_CONF = """
# --- fieldapp test cluster: throwaway, so speed beats durability ---
listen_addresses = '{host}'
unix_socket_directories = '{socket_dir}'
max_connections = {max_connections}
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
"""

_PG_HBA = """\
# fieldapp test cluster: trust, local socket and 127.0.0.1 only
local all         all              trust
host  all         all 127.0.0.1/32 trust
local replication all              trust
host  replication all 127.0.0.1/32 trust
"""


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be had: not installed, misconfigured, or the server did not start."""


def find_bindir() -> Path | None:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``, or None.

    Debian's versioned directories are preferred (newest first), then ``PATH``.
    """
    debian = [Path(d) for d in glob.glob(DEBIAN_BIN_GLOB) if _has_tools(Path(d))]
    if debian:
        return max(debian, key=_version_key)
    initdb = shutil.which("initdb")
    if initdb is not None:
        bindir = Path(initdb).resolve().parent
        if _has_tools(bindir):
            return bindir
    return None


def postgres_unavailable_reason() -> str | None:
    """Why PostgreSQL cannot be had for the tests, or None if it (probably) can.

    None does not guarantee the server starts; :meth:`PostgresServer.start` raises
    :class:`PostgresUnavailable` with the details if it does not.
    """
    external = os.environ.get(ENV_URL)
    if external:
        try:
            _parse_external_url(external)
        except ValueError as exc:
            return f"{ENV_URL} is not a usable PostgreSQL URL: {exc}"
        return None
    return _private_unavailable_reason(find_bindir())


def _private_unavailable_reason(bindir: Path | None) -> str | None:
    """Why a private cluster cannot be run with the programs in ``bindir``, or None."""
    if bindir is None:
        return (
            f"the PostgreSQL server programs ({', '.join(_TOOLS)}) were found neither in "
            f"{DEBIAN_BIN_GLOB} nor on PATH; install them (Debian: apt-get install postgresql) "
            f"or set {ENV_URL} to the SQLAlchemy URL of a server to use"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            return (
                f"running as root, and PostgreSQL refuses to run as root, but there is no "
                f"{SYSTEM_USER!r} system user to run it as (Debian's postgresql package "
                f"creates it); run the tests as a normal user or set {ENV_URL}"
            )
    return None


class PostgresServer:
    """A PostgreSQL server for tests: a private throwaway cluster, or a given one.

    Usage::

        with PostgresServer.from_environment() as server:
            url = server.create_database("scratch")  # postgresql+psycopg://...:<port>/scratch
            ...
            server.drop_database("scratch")
    """

    def __init__(
        self,
        external_url: str | None = None,
        *,
        startup_timeout: float = 30.0,
        bindir: Path | None = None,
    ) -> None:
        self._external: URL | None = (
            _parse_external_url(external_url) if external_url is not None else None
        )
        self._startup_timeout = startup_timeout
        self._bindir = bindir
        self._run_as: pwd.struct_passwd | None = None
        self._tmpdir: Path | None = None
        self._port: int | None = None
        self._started = False
        self._created: set[str] = set()

    @classmethod
    def from_environment(cls, *, startup_timeout: float = 30.0) -> PostgresServer:
        """The server named by ``FIELDAPP_TEST_PG_URL``, else a private cluster (not started)."""
        return cls(os.environ.get(ENV_URL) or None, startup_timeout=startup_timeout)

    # -- properties ------------------------------------------------------------------------

    @property
    def external(self) -> bool:
        """True when this is a server given by URL rather than a private cluster."""
        return self._external is not None

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the maintenance database (``postgres``) as the superuser."""
        return self._admin_url().render_as_string(hide_password=False)

    @property
    def port(self) -> int:
        return self._admin_url().port or 5432

    @property
    def directory(self) -> Path | None:
        """The private cluster's temporary directory (data, socket, log); None if external."""
        return self._tmpdir

    @property
    def log_path(self) -> Path | None:
        return None if self._tmpdir is None else self._tmpdir / "server.log"

    def database_url(self, name: str) -> str:
        """SQLAlchemy URL of database ``name`` on this server."""
        return self._admin_url().set(database=name).render_as_string(hide_password=False)

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> Self:
        """Start the private cluster (or check the given server answers); returns self.

        Raises :class:`PostgresUnavailable` with an explanation if that fails.
        """
        if self._started:
            raise RuntimeError("PostgresServer already started")
        if self._external is None:
            self._start_private()
        else:
            self._wait_until_accepting(min(self._startup_timeout, _EXTERNAL_WAIT))
        self._started = True
        atexit.register(self.stop)
        return self

    def stop(self) -> None:
        """Stop the private cluster and delete its directory; drop leftover test databases
        of a given server. Safe to call more than once."""
        atexit.unregister(self.stop)
        if not self._started:
            return
        self._started = False
        if self._external is not None:
            for name in sorted(self._created):
                with contextlib.suppress(psycopg.Error):
                    self.drop_database(name)
            return
        self._shutdown_private()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------------------

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a unique name if none given) and return its URL."""
        self._require_started()
        if name is None:
            name = f"fieldapp_test_{uuid.uuid4().hex[:16]}"
        if not name or len(name.encode()) > 63:
            raise ValueError(f"invalid PostgreSQL database name: {name!r}")
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        with self._admin_connection() as conn:
            if self._external is None and conn.info.server_version >= 150000:
                # With fsync off FILE_COPY's checkpoint is cheap: about twice as fast as the
                # WAL_LOG default. (Not on a given server, where the checkpoint may be costly.)
                create += sql.SQL(" STRATEGY FILE_COPY")
            conn.execute(create)
        self._created.add(name)
        return self.database_url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` (a name or a URL), disconnecting anyone still using it."""
        self._require_started()
        if "://" in name:
            name = make_url(name).database or ""
        ident = sql.Identifier(name)
        with self._admin_connection() as conn:
            if conn.info.server_version >= 130000:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
            else:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (name,),
                )
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(ident))
        self._created.discard(name)

    # -- internals -------------------------------------------------------------------------

    def _admin_url(self) -> URL:
        if self._external is not None:
            return self._external
        if self._port is None:
            raise RuntimeError("the private PostgreSQL cluster is not started")
        return URL.create(
            DRIVER, username=SUPERUSER, host=HOST, port=self._port, database="postgres"
        )

    def _admin_connection(
        self, *, connect_timeout: int = 10
    ) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            _conninfo(self._admin_url(), connect_timeout=connect_timeout), autocommit=True
        )

    def _require_started(self) -> None:
        if not self._started:
            raise RuntimeError("PostgresServer is not started")

    def _start_private(self) -> None:
        bindir = self._bindir or find_bindir()
        reason = _private_unavailable_reason(bindir)
        if reason is not None or bindir is None:
            raise PostgresUnavailable(reason or "PostgreSQL server programs not found")
        self._run_as = pwd.getpwnam(SYSTEM_USER) if os.geteuid() == 0 else None
        self._tmpdir = Path(tempfile.mkdtemp(prefix="fieldapp-pg-", dir=self._tmp_base()))
        try:
            if self._run_as is not None:
                os.chown(self._tmpdir, self._run_as.pw_uid, self._run_as.pw_gid)
            self._initdb(bindir)
            deadline = time.monotonic() + self._startup_timeout
            for attempt in range(1, _PORT_ATTEMPTS + 1):
                self._port = _free_port()
                if self._pg_ctl_start(bindir, deadline, last_attempt=attempt == _PORT_ATTEMPTS):
                    break
            self._wait_until_accepting(max(deadline - time.monotonic(), 1.0))
        except BaseException:
            self._shutdown_private()
            raise

    def _tmp_base(self) -> str:
        """Where to make the temporary directory: /dev/shm (tmpfs) if roomy, as creating a
        database there takes ~15 ms instead of hundreds on a slow disk; else the usual temp
        dir. Skipped: paths too long for a unix socket, and (as root) paths the postgres
        user cannot reach."""
        for base in (_SHM, tempfile.gettempdir(), "/tmp"):
            if base == _SHM and _free_bytes(base) < _SHM_MIN_FREE:
                continue
            if len(base) > _MAX_TMP_BASE_LEN or not os.access(base, os.W_OK | os.X_OK):
                continue
            if self._run_as is not None and not _world_traversable(Path(base)):
                continue
            return base
        return tempfile.gettempdir()

    def _run(self, args: list[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL program, as the postgres system user if we are root."""
        run_as = self._run_as
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C")
        if run_as is not None:
            env.update(HOME=run_as.pw_dir, USER=run_as.pw_name, LOGNAME=run_as.pw_name)
        try:
            return subprocess.run(
                args,
                cwd=self._tmpdir,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                user=None if run_as is None else run_as.pw_uid,
                group=None if run_as is None else run_as.pw_gid,
                extra_groups=None if run_as is None else [],
            )
        except subprocess.TimeoutExpired as exc:
            raise PostgresUnavailable(
                f"{Path(args[0]).name} did not finish within {timeout:.0f}s"
                + self._log_tail_section()
            ) from exc
        except OSError as exc:
            raise PostgresUnavailable(f"cannot run {args[0]}: {exc}") from exc

    def _initdb(self, bindir: Path) -> None:
        assert self._tmpdir is not None
        data = self._tmpdir / "data"
        result = self._run(
            [
                str(bindir / "initdb"),
                "--pgdata",
                str(data),
                "--username",
                SUPERUSER,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C",
                "--no-sync",
            ],
            timeout=max(self._startup_timeout, 120.0),
        )
        if result.returncode != 0:
            raise PostgresUnavailable(
                f"initdb failed (exit {result.returncode}) as "
                f"{self._run_as.pw_name if self._run_as else 'the current user'}:\n"
                + _tail(result.stdout + result.stderr)
            )
        socket_dir = str(self._tmpdir).replace("'", "''")
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                _SERVER_CONF.format(
                    host=HOST, socket_dir=socket_dir, max_connections=MAX_CONNECTIONS
                )
            )
        (data / "pg_hba.conf").write_text(_PG_HBA, encoding="utf-8")

    def _pg_ctl_start(self, bindir: Path, deadline: float, *, last_attempt: bool) -> bool:
        """Start on self._port; False if the port was taken meanwhile (try another)."""
        assert self._tmpdir is not None
        assert self.log_path is not None
        wait = max(int(deadline - time.monotonic()), 1)
        result = self._run(
            [
                str(bindir / "pg_ctl"),
                "start",
                "--pgdata",
                str(self._tmpdir / "data"),
                "--log",
                str(self.log_path),
                "--wait",
                "--timeout",
                str(wait),
                "-o",
                f"-p {self._port}",
            ],
            timeout=wait + 10,
        )
        if result.returncode == 0:
            return True
        log = self._read_log()
        port_taken = "could not bind" in log or "Address already in use" in log
        if port_taken and not last_attempt:
            self._pg_ctl_stop(bindir, "immediate")
            return False
        raise PostgresUnavailable(
            f"pg_ctl start failed (exit {result.returncode}) on port {self._port}:\n"
            + _tail(result.stdout + result.stderr)
            + self._log_tail_section()
        )

    def _wait_until_accepting(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self._admin_connection(connect_timeout=max(int(timeout), 2)) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError as exc:
                if time.monotonic() >= deadline:
                    url = self._admin_url().render_as_string(hide_password=True)
                    raise PostgresUnavailable(
                        f"PostgreSQL at {url} does not accept connections after "
                        f"{timeout:.0f}s: {exc}" + self._log_tail_section()
                    ) from exc
                time.sleep(0.05)

    def _pg_ctl_stop(self, bindir: Path, mode: str) -> bool:
        assert self._tmpdir is not None
        data = self._tmpdir / "data"
        if not (data / "postmaster.pid").exists():
            return True
        try:
            result = self._run(
                [
                    str(bindir / "pg_ctl"),
                    "stop",
                    "--pgdata",
                    str(data),
                    "-m",
                    mode,
                    "-w",
                    "-t",
                    "30",
                ],
                timeout=40,
            )
        except PostgresUnavailable:
            return False
        return result.returncode == 0 or not (data / "postmaster.pid").exists()

    def _shutdown_private(self) -> None:
        tmpdir = self._tmpdir
        if tmpdir is None:
            return
        try:
            bindir = self._bindir or find_bindir()
            if bindir is not None and not self._pg_ctl_stop(bindir, "fast"):
                self._pg_ctl_stop(bindir, "immediate")
        finally:
            self._tmpdir = None
            self._port = None
            shutil.rmtree(tmpdir, ignore_errors=True)

    def _read_log(self) -> str:
        path = self.log_path
        if path is None:
            return ""
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def _log_tail_section(self) -> str:
        log = self._read_log()
        if not log:
            return ""
        return f"\n--- last lines of the server log ---\n{_tail(log)}"


def _parse_external_url(raw: str) -> URL:
    """Parse a given server URL; a bare ``postgresql://`` gets the psycopg (3) driver."""
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise ValueError(str(exc)) from exc
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"backend is {url.get_backend_name()!r}, not 'postgresql'")
    if url.drivername == "postgresql":
        url = url.set(drivername=DRIVER)
    if not url.database:
        url = url.set(database="postgres")
    return url


def _conninfo(url: URL, *, connect_timeout: int) -> str:
    """A libpq connection string for a SQLAlchemy URL (query parameters passed through)."""
    params: dict[str, str | int] = {"dbname": url.database or "postgres"}
    if url.host:
        params["host"] = url.host
    if url.port:
        params["port"] = url.port
    if url.username:
        params["user"] = url.username
    if url.password:
        params["password"] = str(url.password)
    for key, value in url.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    params["connect_timeout"] = connect_timeout
    return make_conninfo("", **params)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _has_tools(bindir: Path) -> bool:
    return all(os.access(bindir / tool, os.X_OK) for tool in _TOOLS)


def _version_key(bindir: Path) -> tuple[int, ...]:
    """``/usr/lib/postgresql/15/bin`` -> (15,)."""
    return tuple(int(n) for n in re.findall(r"\d+", bindir.parent.name))


def _free_bytes(path: str) -> int:
    try:
        st = os.statvfs(path)
    except OSError:
        return 0
    return st.f_bavail * st.f_frsize


def _world_traversable(path: Path) -> bool:
    resolved = path.resolve()
    try:
        return all(os.stat(p).st_mode & stat.S_IXOTH for p in (resolved, *resolved.parents))
    except OSError:
        return False


def _tail(text: str, lines: int = _LOG_TAIL_LINES) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])
