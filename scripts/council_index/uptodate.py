"""Is the warehouse already the build of these inputs? Then ``index-build`` need not build it again.

A build is a function of its inputs: the raw files, the project (models, macros, seeds, tests, the
registry, this package's code), the build options and the installed versions of dbt and DuckDB.
After a build is published, ``index-build`` records a fingerprint of those inputs beside the
warehouse (``<warehouse stem>_build_state.json``) with the warehouse file's size and modification
time and the result of the dbt build. The next ``index-build`` with the same fingerprint, on a
warehouse nobody has written since, has nothing to do: every model and every test would be run on
the same bytes again. It says so, keeps the warehouse, and writes the exports and the report only
if they are missing or were written from another build. Anything different (one raw file, one
model, one option, ``--full-refresh``, ``--force``) builds as before.

Raw files are recognised by SHA-256 (as the loader does); a file whose size and modification time
are those recorded is not hashed again, as git and make trust a file's stat.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from council_index import PROJECT_ROOT
from council_index.pipeline.loader import sha256_of

STATE_VERSION = 1

# The project's files a build reads: what dbt parses and runs, the registry the loader follows and
# the package that loads, builds, exports and reports.
PROJECT_INPUTS = (
    "dbt_project.yml",
    "profiles.yml",
    "selectors.yml",
    "models",
    "macros",
    "seeds",
    "tests/dbt",
    "analyses",
    "scripts/registry",
    "scripts/council_index",
)

# Environment variables that change what a build does or where it reads from. INDEX_DB_PATH and
# INDEX_RAW_DIR are resolved into the paths themselves; thread counts change no result.
IGNORED_ENV = {"INDEX_DB_PATH", "INDEX_RAW_DIR", "INDEX_DUCKDB_THREADS", "INDEX_EXPORT_DIR", "INDEX_REPORT_PATH"}


def state_path(db_path: Path) -> Path:
    """Where the build state of a warehouse is kept, beside it."""
    return db_path.with_name(db_path.stem + "_build_state.json")


def _sha256(path: Path) -> str:
    return sha256_of(path)  # the loader's own file identity


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(root).parts)
    )


def raw_digest(raw_dir: Path, cache: dict[str, list]) -> tuple[str, dict[str, list]]:
    """SHA-256 over every file of the raw folder (path and content), reusing ``cache``
    (path -> [size, mtime_ns, sha256]) for files whose size and modification time are unchanged."""
    digest = hashlib.sha256()
    seen: dict[str, list] = {}
    for path in _files(raw_dir):
        name = path.relative_to(raw_dir).as_posix()
        stat = path.stat()
        known = cache.get(name)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            sha = known[2]
        else:
            sha = _sha256(path)
        seen[name] = [stat.st_size, stat.st_mtime_ns, sha]
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest(), seen


def project_digest(root: Path = PROJECT_ROOT) -> str:
    """SHA-256 over the project files a build reads (PROJECT_INPUTS), by path and content."""
    digest = hashlib.sha256()
    for entry in PROJECT_INPUTS:
        for path in _files(root / entry):
            digest.update(f"{path.relative_to(root).as_posix()}\0{_sha256(path)}\n".encode())
    return digest.hexdigest()


def environment() -> dict[str, str]:
    """The versions and environment variables a build's result depends on."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": sys.version.split()[0]}
    for package in ("dbt-core", "dbt-duckdb", "duckdb"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "absent"
    for name, value in sorted(os.environ.items()):
        if name.startswith("INDEX_") and name not in IGNORED_ENV:
            found[name] = value
    return found


@dataclass
class Inputs:
    """The fingerprint of one build's inputs, and the raw files' stat cache it was computed with."""

    raw: str
    project: str
    options: dict
    environment: dict
    raw_files: dict[str, list] = field(default_factory=dict)

    def key(self) -> dict:
        return {
            "raw": self.raw,
            "project": self.project,
            "options": self.options,
            "environment": self.environment,
        }


def fingerprint(raw_dir: Path, options: dict, previous: dict | None) -> Inputs:
    """The inputs of a build from ``raw_dir`` with ``options`` (the flags that change what is built)."""
    cache = (previous or {}).get("raw_files", {}) if (previous or {}).get("raw_dir") == str(raw_dir) else {}
    raw, files = raw_digest(raw_dir, cache)
    return Inputs(raw, project_digest(), options, environment(), files)


def read_state(db_path: Path) -> dict | None:
    try:
        state = json.loads(state_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else None


def _stat(path: Path) -> list | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def unchanged_since(state: dict | None, db_path: Path, raw_dir: Path, inputs: Inputs) -> str | None:
    """Why the warehouse must be built (a short reason), or None when it is the build of ``inputs``."""
    if state is None:
        return "no record of the last build"
    if _stat(db_path) != state.get("warehouse"):
        return "the warehouse was written since its last build" if db_path.exists() else "no warehouse"
    if state.get("raw_dir") != str(raw_dir):
        return "another raw folder"
    recorded = state.get("inputs", {})
    for part, what in (
        ("raw", "raw files"),
        ("project", "project files"),
        ("options", "build options"),
        ("environment", "dbt, DuckDB or INDEX_* settings"),
    ):
        if recorded.get(part) != inputs.key()[part]:
            return f"changed {what}"
    return None


def dbt_results(target_dir: Path) -> dict:
    """Counts of the dbt build that just ran, by status as dbt's own summary line counts them
    (PASS, WARN, ERROR, SKIP, NO-OP: a model's "success" is a PASS), from target/run_results.json."""
    try:
        results = json.loads((target_dir / "run_results.json").read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return {}
    counts: dict[str, int] = {}
    for result in results:
        status = str(result.get("status", "unknown")).upper().replace("SUCCESS", "PASS")
        counts[status] = counts.get(status, 0) + 1
    return counts


def write_state(
    db_path: Path,
    raw_dir: Path,
    inputs: Inputs,
    built_at: str,
    results: dict,
    published: list[str],
    outputs: dict[str, str] | None = None,
) -> None:
    """Record a published build (call after the warehouse is in place)."""
    state = {
        "version": STATE_VERSION,
        "built_at": built_at,
        "warehouse": _stat(db_path),
        "raw_dir": str(raw_dir),
        "inputs": inputs.key(),
        "raw_files": inputs.raw_files,
        "dbt_results": results,
        "published": published,
        "outputs": {name: {"path": path, "stat": _outputs_stat(Path(path))} for name, path in (outputs or {}).items()},
    }
    target = state_path(db_path)
    scratch = target.with_name(target.name + ".tmp")
    scratch.write_text(json.dumps(state, indent=1), encoding="utf-8")
    os.replace(scratch, target)


def forget(db_path: Path) -> None:
    """Drop the record (before a build replaces the warehouse: a crash in between must not leave a
    record that claims the new warehouse is the old build)."""
    state_path(db_path).unlink(missing_ok=True)


def _outputs_stat(path: Path) -> list | None:
    """Size and modification time of an output file, or of every file of an output folder."""
    if path.is_dir():
        return [[p.relative_to(path).as_posix(), *(_stat(p) or [])] for p in _files(path)]
    return _stat(path)


def outputs_current(state: dict, name: str, path: Path) -> bool:
    """Whether an output (exports folder, report file) is the one this build wrote, untouched."""
    recorded = state.get("outputs", {}).get(name)
    return bool(recorded) and recorded["path"] == str(path) and recorded["stat"] == _outputs_stat(path)
