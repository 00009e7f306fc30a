"""A throwaway PostgreSQL server on 127.0.0.1, for builds and tests when no server is configured.

``ThrowawayPostgres`` runs ``initdb`` in a new temporary folder (trust authentication, C locale,
UTF-8), starts ``postgres`` with ``pg_ctl`` on a free port of 127.0.0.1 only (no Unix socket in
/tmp, no TCP on any other address), creates the database, and on exit stops the server and deletes
the folder. ``postgres_connection_settings()`` gives the INDEX_PG_* settings, from the environment
when INDEX_PG_HOST is set (an existing server), otherwise none (start a throwaway one).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

DEFAULTS = {
    "INDEX_PG_HOST": "127.0.0.1",
    "INDEX_PG_PORT": "5432",
    "INDEX_PG_USER": "index",
    "INDEX_PG_PASSWORD": "",
    "INDEX_PG_DATABASE": "council_productivity",
}


def find_pg_bin(name: str = "pg_ctl") -> Path:
    """The folder holding PostgreSQL's server binaries (``initdb``, ``pg_ctl``, ``postgres``)."""
    candidates = []
    if os.environ.get("INDEX_PG_BIN"):
        candidates.append(Path(os.environ["INDEX_PG_BIN"]))
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    candidates += [Path("/usr/local/pgsql/bin"), Path("/usr/local/bin")]
    for folder in candidates:
        if (folder / name).exists() and (folder / "initdb").exists():
            return folder
    raise FileNotFoundError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL "
        "(apt-get install postgresql) or set INDEX_PG_BIN to their folder"
    )


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def postgres_connection_settings(environ=None) -> dict[str, str] | None:
    """INDEX_PG_* settings of a configured server, or None when INDEX_PG_HOST is not set."""
    environ = os.environ if environ is None else environ
    if not environ.get("INDEX_PG_HOST"):
        return None
    return {key: environ.get(key, default) or default for key, default in DEFAULTS.items()}


class ThrowawayPostgres:
    """Context manager: a PostgreSQL server in a temporary folder, stopped and deleted on exit."""

    def __init__(
        self,
        database: str = DEFAULTS["INDEX_PG_DATABASE"],
        user: str = DEFAULTS["INDEX_PG_USER"],
        port: int | None = None,
        progress=print,
    ):
        self.database, self.user, self.port = database, user, port
        self.progress = progress
        self.folder: Path | None = None
        self.bin: Path | None = None
        self.run_as: str | None = None

    # PostgreSQL refuses to run as root: when we are root, the server runs as user `postgres`
    # (created by the Debian package) or `nobody`, and owns the temporary folder.
    def _command(self, args: list[str]) -> list[str]:
        if self.run_as:
            return ["runuser", "-u", self.run_as, "--", *args]
        return args

    def _run(self, args: list[str]) -> None:
        result = subprocess.run(self._command(args), capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args[:2])} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
            )

    @property
    def settings(self) -> dict[str, str]:
        return {
            "INDEX_PG_HOST": "127.0.0.1",
            "INDEX_PG_PORT": str(self.port),
            "INDEX_PG_USER": self.user,
            "INDEX_PG_PASSWORD": "",
            "INDEX_PG_DATABASE": self.database,
        }

    def start(self) -> ThrowawayPostgres:
        self.bin = find_pg_bin()
        self.port = self.port or free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="index-pg-"))
        if os.geteuid() == 0:
            self.run_as = "postgres" if _user_exists("postgres") else "nobody"
            shutil.chown(self.folder, user=self.run_as)
        data = self.folder / "data"
        self.progress(
            f"POSTGRES: no INDEX_PG_HOST configured; starting a throwaway PostgreSQL server on "
            f"127.0.0.1:{self.port} (data in {data}, removed when the run ends)"
        )
        self._run(
            [
                str(self.bin / "initdb"),
                "-D",
                str(data),
                "-U",
                self.user,
                "--auth=trust",
                "--locale=C",
                "--encoding=UTF8",
                "--no-sync",
            ]
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='{self.folder}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20"
        )
        self._run(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self._create_database()
        return self

    def _create_database(self) -> None:
        import psycopg2  # only the PostgreSQL extra has it

        con = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres")
        try:
            con.autocommit = True
            with con.cursor() as cur:
                cur.execute(f'create database "{self.database}"')
        finally:
            con.close()

    def stop(self) -> None:
        if self.folder is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                self._command([str(self.bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                capture_output=True,
                text=True,
            )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.progress(f"POSTGRES: throwaway server on 127.0.0.1:{self.port} stopped and its data removed")
        self.folder = None

    def __enter__(self) -> ThrowawayPostgres:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


if __name__ == "__main__":  # manual check: start, print the settings, stop
    with ThrowawayPostgres() as server:
        print(server.settings)
