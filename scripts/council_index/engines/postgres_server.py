"""A throwaway PostgreSQL server on 127.0.0.1, for builds and tests when no server is configured.

``ThrowawayPostgres`` runs ``initdb`` in a new temporary folder (trust authentication, C locale,
UTF-8), starts ``postgres`` with ``pg_ctl`` on a free port of 127.0.0.1 only (no Unix socket in
/tmp, no TCP on any other address), creates the database, and on exit stops the server and deletes
the folder. With ``keep_dir`` the cluster lives in that folder instead (a previous one there is
replaced): on exit the server is stopped but its data is kept, and ``how_to_query()`` gives the
commands that start it again, query the marts and stop it. ``postgres_connection_settings()`` gives
the INDEX_PG_* settings, from the environment when INDEX_PG_HOST is set (an existing server),
otherwise none (start a local one). ``keep_dir_from_env()`` is where ``make run TARGET=postgres``
keeps that local one (INDEX_PG_KEEP_DIR, default beside the landing warehouse), or None when
INDEX_PG_THROWAWAY=1 asks for the old throwaway behaviour.
"""

from __future__ import annotations

import glob
import os
import shlex
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


def keep_dir_from_env(default: Path, environ=None) -> Path | None:
    """Where a local server's cluster is kept after the build: INDEX_PG_KEEP_DIR, else ``default``;
    None (remove it at the end) when INDEX_PG_THROWAWAY is 1/true/yes."""
    environ = os.environ if environ is None else environ
    if environ.get("INDEX_PG_THROWAWAY", "").strip().lower() in {"1", "true", "yes"}:
        return None
    return Path(environ.get("INDEX_PG_KEEP_DIR") or default)


def postgres_connection_settings(environ=None) -> dict[str, str] | None:
    """INDEX_PG_* settings of a configured server, or None when INDEX_PG_HOST is not set."""
    environ = os.environ if environ is None else environ
    if not environ.get("INDEX_PG_HOST"):
        return None
    return {key: environ.get(key, default) or default for key, default in DEFAULTS.items()}


class ThrowawayPostgres:
    """Context manager: a PostgreSQL server in a temporary folder, stopped and deleted on exit; with
    ``keep_dir``, in that folder, stopped on exit and kept (``how_to_query()`` says how to use it)."""

    def __init__(
        self,
        database: str = DEFAULTS["INDEX_PG_DATABASE"],
        user: str = DEFAULTS["INDEX_PG_USER"],
        port: int | None = None,
        progress=print,
        keep_dir: Path | None = None,
    ):
        self.database, self.user, self.port = database, user, port
        self.progress = progress
        self.keep_dir = Path(keep_dir).resolve() if keep_dir is not None else None
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
        if self.keep_dir is not None:
            self._stop_cluster(self.keep_dir / "data")  # a previous build's server, if still running
            shutil.rmtree(self.keep_dir, ignore_errors=True)
            self.keep_dir.mkdir(parents=True)
            self.folder = self.keep_dir
        else:
            self.folder = Path(tempfile.mkdtemp(prefix="index-pg-"))
        if os.geteuid() == 0:
            self.run_as = "postgres" if _user_exists("postgres") else "nobody"
            shutil.chown(self.folder, user=self.run_as)
        data = self.folder / "data"
        fate = (
            "kept after the run: you can query it afterwards"
            if self.keep_dir is not None
            else "removed when the run ends (INDEX_PG_THROWAWAY=1)"
        )
        self.progress(
            f"POSTGRES: no INDEX_PG_HOST configured; starting a local PostgreSQL server on "
            f"127.0.0.1:{self.port} (data in {data}, {fate})"
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
        self._run(self.start_command())
        self._create_database()
        return self

    def server_options(self) -> str:
        """The server options: 127.0.0.1 only, its port, the Unix socket in the cluster's own folder."""
        return (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='{self.folder}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20"
        )

    def start_command(self) -> list[str]:
        """``pg_ctl ... start`` of this cluster (as run, without the switch of user)."""
        return [
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            self.server_options(),
            "-w",
            "-t",
            "60",
            "start",
        ]

    def how_to_query(self) -> list[str]:
        """Lines for the user: where the kept database is, and the commands to start it, query it and stop it."""
        prefix = f"runuser -u {self.run_as} -- " if self.run_as else ""
        start = prefix + " ".join(shlex.quote(part) for part in self.start_command())
        stop = prefix + " ".join(
            shlex.quote(part)
            for part in [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop"]
        )
        psql = self.bin / "psql" if (self.bin / "psql").exists() else "psql"
        query = (
            f"{psql} -h 127.0.0.1 -p {self.port} -U {self.user} {self.database} "
            "-c 'select * from marts.fct_overall_productivity order by edition, overall_rank limit 10'"
        )
        return [
            f"POSTGRES: the build's database is kept in {self.folder / 'data'} (server stopped; database "
            f"{self.database}, user {self.user}, no password, schemas raw, staging, intermediate, marts, reference)",
            f"  start it:  {start}",
            f"  query it:  {query}",
            f"  or point a BI tool at 127.0.0.1:{self.port} (INDEX_PG_HOST=127.0.0.1 INDEX_PG_PORT={self.port} "
            f"INDEX_PG_USER={self.user} INDEX_PG_DATABASE={self.database} reuses it as your own server)",
            f"  stop it:   {stop}",
            f"  remove it: rm -rf {self.folder}  (the next make run TARGET=postgres replaces it; "
            "INDEX_PG_THROWAWAY=1 removes it at the end of the run)",
        ]

    def _create_database(self) -> None:
        import psycopg2  # only the PostgreSQL extra has it

        con = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres")
        try:
            con.autocommit = True
            with con.cursor() as cur:
                cur.execute(f'create database "{self.database}"')
        finally:
            con.close()

    def _stop_cluster(self, data: Path) -> None:
        if (data / "postmaster.pid").exists() and self.bin is not None:
            subprocess.run(
                self._command([str(self.bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                capture_output=True,
                text=True,
            )

    def stop(self) -> None:
        if self.folder is None:
            return
        self._stop_cluster(self.folder / "data")
        if self.keep_dir is not None and (self.folder / "data" / "PG_VERSION").exists():
            self.progress(f"POSTGRES: local server on 127.0.0.1:{self.port} stopped; its data is kept")
            for line in self.how_to_query():
                self.progress(line)
        else:
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
