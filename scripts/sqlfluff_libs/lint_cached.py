"""sqlfluff lint of the project's SQL, in parallel, with a per-file cache of results (`make lint`).

    python scripts/sqlfluff_libs/lint_cached.py [--processes N] [--no-cache] PATH [PATH ...]

Lints every `.sql` file under the PATHs with the project's `.sqlfluff` (jinja templater, see
`dbt_stubs`), as `sqlfluff lint` does, except files already linted with exactly the same inputs:
the same file content and the same lint environment (python, sqlfluff and jinja2 versions; the
`.sqlfluff`, `.sqlfluffignore`, `pyproject.toml`, `setup.cfg` and `tox.ini` files of the project;
`dbt_project.yml`; every file of `macros/` and of this folder). Any change to the environment
re-lints every file. Violations are cached with the file, so they are reported on every run. The
cache is `.sqlfluff-cache/` (ignored by git through its own `.gitignore`); `--no-cache` lints
everything and leaves the cache alone.

Parallel linting: N worker processes each lint one file at a time (the slowest files first, by
their last lint time) and send back only the violations. `sqlfluff lint --processes N` sends each
file's whole parse tree back to the main process (megabytes for the large models, as long to
pickle and unpickle as a fifth of linting them), and the main process competes with the workers
for the same two cores.

Output: one line per violation (`path:line:column: CODE description`), the counts of files linted
and taken from the cache; exit status 0 (clean), 1 (violations) or 2 (a file could not be linted).
"""

import argparse
import hashlib
import json
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".sqlfluff-cache"
CACHE_FILE = CACHE_DIR / "lint.json"
SKIP_DIRS = {"data", "dbt_packages", "node_modules", "exports", "reports", "spark-warehouse", "metastore_db"}
CONFIG_NAMES = {".sqlfluff", ".sqlfluffignore", "pyproject.toml", "setup.cfg", "tox.ini"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def environment_key() -> str:
    """Hash of everything besides a file's own text that can change its lint result."""
    inputs = [ROOT / "dbt_project.yml"]
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith((".", "target", "logs"))]
        inputs += [Path(folder) / name for name in files if name in CONFIG_NAMES]
    inputs += [p for p in (ROOT / "macros").rglob("*") if p.is_file()]
    inputs += [p for p in Path(__file__).resolve().parent.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    versions = " ".join(f"{name} {metadata.version(name)}" for name in ("sqlfluff", "jinja2"))
    h = hashlib.sha256(f"python {sys.version_info[:3]} {versions}\n".encode())
    for path in sorted(set(inputs)):
        if path.exists():
            h.update(f"{path.relative_to(ROOT)} {digest(path)}\n".encode())
    return h.hexdigest()


def sql_files(paths: list[str]) -> list[str]:
    found = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.update(os.path.relpath(p) for p in path.rglob("*.sql"))
        elif path.suffix == ".sql" and path.exists():
            found.add(os.path.relpath(path))
        elif not path.exists():
            sys.exit(f"lint: no such file or folder: {given}")
    return sorted(found)


def load_cache(key: str) -> dict:
    try:
        cache = json.loads(CACHE_FILE.read_text())
    except (OSError, ValueError):
        return {}
    return cache.get("files", {}) if cache.get("environment") == key else {}


def save_cache(key: str, results: dict) -> None:
    CACHE_DIR.mkdir(exist_ok=True)
    (CACHE_DIR / ".gitignore").write_text("*\n")
    with tempfile.NamedTemporaryFile("w", dir=CACHE_DIR, delete=False, suffix=".tmp") as handle:
        json.dump({"environment": key, "files": results}, handle, indent=0, sort_keys=True)
    os.replace(handle.name, CACHE_FILE)  # atomic: concurrent runs never read half a file


_linter = None


def lint_file(fname: str) -> tuple[str, list | None, float, str]:
    """Lint one file as `sqlfluff lint` does; return its violations (None: skipped), seconds, error."""
    global _linter
    started = time.monotonic()
    try:
        if _linter is None:
            from sqlfluff.core import FluffConfig, Linter

            _linter = Linter(config=FluffConfig.from_root())
        records = _linter.lint_paths((fname,), ignore_non_existent_files=False, retain_files=False).as_records()
    except Exception:  # report it, do not cache it
        return fname, None, time.monotonic() - started, traceback.format_exc()
    violations = [
        [
            v.get("start_line_no", 0),
            v.get("start_line_pos", 0),
            v.get("code", "????"),
            v.get("description", ""),
            bool(v.get("warning")),
        ]
        for record in records
        for v in record.get("violations") or []
    ]
    return fname, (violations if records else None), time.monotonic() - started, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="folders or .sql files, relative to the project root")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true", help="lint every file; neither read nor write the cache")
    args = parser.parse_args()
    os.chdir(ROOT)

    files = sql_files(args.paths)
    key = environment_key()
    cache = load_cache(key)  # read even with --no-cache, for the order of the files
    hashes = {f: digest(Path(f)) for f in files}
    to_lint = [f for f in files if args.no_cache or cache.get(f, {}).get("sha256") != hashes[f]]
    # Slowest first (last lint time, else size), so that no long file starts last.
    to_lint.sort(key=lambda f: (cache.get(f, {}).get("seconds", 0), Path(f).stat().st_size), reverse=True)

    failed = []
    processes = max(1, min(args.processes, len(to_lint)))
    if processes == 1:
        results = map(lint_file, to_lint)
    else:
        pool = multiprocessing.get_context("spawn").Pool(processes)
        results = pool.imap_unordered(lint_file, to_lint)
    for fname, violations, seconds, error in results:
        if error:
            failed.append(fname)
            sys.stderr.write(f"{fname}: sqlfluff failed\n{error}\n")
            cache.pop(fname, None)
        elif violations is None:  # skipped by sqlfluff (.sqlfluffignore)
            cache.pop(fname, None)
        else:
            cache[fname] = {"sha256": hashes[fname], "seconds": round(seconds, 2), "violations": violations}
    if processes > 1:
        pool.close()
        pool.join()

    errors = 0
    for f in files:
        for line, position, code, description, warning in cache.get(f, {}).get("violations", []):
            print(f"{f}:{line}:{position}: {code} {description}{' (warning)' if warning else ''}")
            errors += not warning
    if not args.no_cache:
        save_cache(key, {f: result for f, result in cache.items() if f in hashes or Path(f).exists()})
    print(
        f"sqlfluff: {len(files)} file(s), {len(to_lint)} linted, {len(files) - len(to_lint)} unchanged since "
        f"their last lint (cache), {errors} violation(s)"
    )
    return 2 if failed else 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
