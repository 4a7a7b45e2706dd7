"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb and pg_ctl in a temporary folder.

The server listens only on a Unix socket inside that folder (no TCP port), with password
(scram-sha-256) authentication for every role, so wrong-password and role tests are real. initdb
refuses to run as root, and tests run as root in CI: then the cluster belongs to the `postgres`
system user (created by Debian's package) and its folder is handed over to it.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "postgres"
PORT = 5432  # only names the socket file (.s.PGSQL.5432) inside our own folder; no TCP listener


class ClusterUnavailable(RuntimeError):
    """PostgreSQL's programs are missing or the server would not start; the message says which."""


def server_bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0,
    )
    return Path(versions[-1]).parent if versions else None


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged account that runs the server when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True, capture_output=True)
        return pwd.getpwnam("postgres")


class PostgresCluster:
    """One cluster in its own temporary folder: `start()`, `stop()`, `url()`, `connect()`, `remove()`."""

    def __init__(self) -> None:
        bin_dir = server_bin_dir()
        if bin_dir is None:
            raise ClusterUnavailable(
                "PostgreSQL server programs not found (initdb); install Debian's postgresql package"
            )
        self.bin_dir = bin_dir
        self.user = _server_user()
        # Under /tmp, not pytest's 0700 root-owned tmp dirs: the server's user must reach it, and
        # the socket path must stay under the 107-byte limit of a Unix socket address.
        self.folder = Path(tempfile.mkdtemp(prefix="dossier-pg-", dir="/tmp"))
        self.data_dir = self.folder / "data"
        self.socket_dir = self.folder
        self.log_file = self.folder / "server.log"
        self.password = secrets.token_urlsafe(16)
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        self.folder.chmod(0o755)
        self._initdb()

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "HOME": str(self.folder)}
        result = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.folder,
            timeout=timeout,
            **kwargs,
        )
        if result.returncode != 0:
            log = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            raise ClusterUnavailable(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{log}")
        return result

    def _initdb(self) -> None:
        password_file = self.folder / "pwfile"
        password_file.write_text(self.password + "\n")
        if self.user is not None:
            os.chown(password_file, self.user.pw_uid, self.user.pw_gid)
        password_file.chmod(0o600)
        try:
            self._run(
                "initdb",
                "-D", str(self.data_dir),
                "-U", SUPERUSER,
                "--pwfile", str(password_file),
                "--auth-local=scram-sha-256",
                "--auth-host=reject",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            )
        finally:
            password_file.unlink()
        settings = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "port": str(PORT),
            "max_connections": "100",
            # A throwaway cluster: durability is not what the tests check.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "shared_buffers": "32MB",
        }
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("".join(f"{name} = {value}\n" for name, value in settings.items()))

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_file), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (mode fast: disconnect clients; immediate: as if it crashed)."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return (self.data_dir / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.running():
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        """A libpq URL reaching this cluster's socket; the superuser's password unless one is given."""
        secret = self.password if password is None and user == SUPERUSER else password
        auth = quote(user, safe="") + (":" + quote(secret, safe="") if secret else "")
        return f"postgresql://{auth}@/{quote(dbname, safe='')}?host={quote(str(self.socket_dir), safe='')}&port={PORT}"

    def connect(self, dbname: str = "postgres", **kwargs):
        """A psycopg connection as the superuser (autocommit), for setting up and checking tests."""
        import psycopg

        return psycopg.connect(self.url(dbname), autocommit=True, **kwargs)

    def create_database(self, name: str) -> str:
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_role(self, name: str, password: str, *options: str) -> str:
        """A login role with a password (options such as CREATEDB); returns nothing secret but the name."""
        from psycopg import sql

        with self.connect() as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} " + " ".join(options)).format(
                    sql.Identifier(name), sql.Literal(password)
                )
            )
        return name


@dataclass(frozen=True)
class Role:
    name: str
    password: str
    url: str  # reaches the scratch database as this role


class ScratchDatabase:
    """One test's database on a shared cluster; `drop()` removes it and the roles made through it."""

    def __init__(self, cluster: PostgresCluster, name: str) -> None:
        self.cluster = cluster
        self.name = name
        self.url = cluster.create_database(name)
        self.roles: list[str] = []

    def role(self, name: str, *options: str, password: str | None = None) -> Role:
        """A login role (name made unique per database; options such as CREATEDB)."""
        role = f"{name}_{self.name[-6:]}"
        secret = password or secrets.token_urlsafe(12)
        self.cluster.create_role(role, secret, *options)
        self.roles.append(role)
        return Role(role, secret, self.cluster.url(self.name, user=role, password=secret))

    def connect(self, **kwargs):
        return self.cluster.connect(self.name, **kwargs)

    def drop(self) -> None:
        from psycopg import sql

        self.cluster.drop_database(self.name)
        with self.cluster.connect() as conn:
            for role in self.roles:
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
