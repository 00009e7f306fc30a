"""Download every registry dataset that has a URL (``make fetch``).

Standard library only (``urllib``), so it runs in a fresh virtual environment. For each
``downloads`` entry of the registry (``url``, ``file`` relative to the raw directory, optional
``sha256``):

* a file already present is **skipped** when it is valid: its SHA-256 matches the pin, or, with no
  pin, it is non-empty (``--force`` downloads it again);
* the body is streamed to ``<file>.part`` in the same folder, fsynced, checked (length against
  ``Content-Length``, digest against the pin) and only then renamed over ``<file>`` with
  ``os.replace``: no partial file is ever left under the final name, and the ``.part`` file is
  removed on any failure (including an interrupt);
* connection errors, timeouts, HTTP 5xx (and 408/429) and truncated bodies are retried with
  exponential back-off; other HTTP errors (404, 403, ...) and checksum mismatches fail at once;
* every file is tried even after a failure; the run fails (exit 1) when any file failed.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from council_index.errors import command

from .errors import RegistryError
from .registry import REGISTRY_DIR, Dataset, load_registry

USER_AGENT = "council-productivity-index-fetch/1.0 (open-source dbt project; Python-urllib)"
CHUNK_SIZE = 64 * 1024
PART_SUFFIX = ".part"
RETRYABLE_HTTP = {408, 425, 429}


class FetchError(Exception):
    """A download failed. ``retryable`` tells whether another attempt may succeed."""

    def __init__(self, message: str, *, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable
        self.retry_after: float | None = None


class ChecksumError(FetchError):
    """The downloaded body does not have the pinned SHA-256 digest."""

    def __init__(self, file: str, expected: str, actual: str):
        super().__init__(f"{file}: sha256 mismatch: expected {expected}, got {actual}", retryable=False)
        self.file = file
        self.expected = expected
        self.actual = actual


@dataclass(frozen=True)
class FetchConfig:
    attempts: int = 4  # total attempts per file (1 = no retry)
    base_delay: float = 2.0  # seconds before the 2nd attempt; doubles each time
    max_delay: float = 60.0
    timeout: float = 60.0  # seconds, per connect and per read
    force: bool = False
    user_agent: str = USER_AGENT
    bar_threshold: int = 1024 * 1024  # show a progress bar for bodies at least this big (tty only)


@dataclass(frozen=True)
class Job:
    dataset_id: str
    url: str
    file: str
    sha256: str | None = None


@dataclass
class Result:
    job: Job
    status: str  # downloaded | skipped | failed | planned
    bytes: int = 0
    seconds: float = 0.0
    attempts: int = 0
    message: str = ""


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


# --------------------------------------------------------------------------------------------------
# helpers


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def human_bytes(n: int | None) -> str:
    if n is None:
        return "?"
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover


def backoff_delay(attempt: int, config: FetchConfig, retry_after: float | None = None) -> float:
    """Delay before attempt ``attempt + 1`` (attempt is 1-based): base * 2**(attempt-1), capped."""
    delay = config.base_delay * (2 ** (attempt - 1))
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, config.max_delay)


def jobs_from_registry(datasets: Iterable[Dataset], only: Iterable[str] | None = None) -> list[Job]:
    """Every download of the selected datasets, in registry order, one job per target file."""
    datasets = list(datasets)
    known = {d.id for d in datasets}
    wanted = list(only or [])
    unknown = [d for d in wanted if d not in known]
    if unknown:
        raise RegistryError(f"unknown dataset id(s): {', '.join(unknown)} (see scripts/registry/*.yml)")
    jobs: list[Job] = []
    seen: dict[str, Job] = {}
    for dataset in datasets:
        if wanted and dataset.id not in wanted:
            continue
        for download in dataset.downloads:
            job = Job(dataset.id, download.url, download.file, download.sha256)
            previous = seen.get(job.file)
            if previous is not None:
                if (previous.url, previous.sha256) != (job.url, job.sha256):
                    raise RegistryError(
                        f"file {job.file} is downloaded by {previous.dataset_id} and {job.dataset_id} "
                        "from different URLs or pins"
                    )
                continue
            seen[job.file] = job
            jobs.append(job)
    return jobs


class _Progress:
    """A one-line progress bar on a terminal, for big bodies only; silent otherwise."""

    def __init__(self, name: str, total: int | None, stream: TextIO, config: FetchConfig):
        isatty = getattr(stream, "isatty", lambda: False)
        self.enabled = bool(total) and total >= config.bar_threshold and isatty()
        self.name = name
        self.total = total
        self.stream = stream
        self.done = 0
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and self.done < (self.total or 0):
            return
        self.last = now
        fraction = min(self.done / self.total, 1.0) if self.total else 0.0
        width = 30
        filled = int(fraction * width)
        rate = self.done / max(now - self.start, 1e-6)
        self.stream.write(
            f"\r  {self.name[-40:]:40} [{'#' * filled}{'.' * (width - filled)}] {fraction * 100:5.1f}% "
            f"{human_bytes(self.done)}/{human_bytes(self.total)} {human_bytes(int(rate))}/s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 110 + "\r")
            self.stream.flush()


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _local_io(part: Path, action: Callable):
    """Run a local file operation; a disk error (full, permissions) is not worth retrying."""
    try:
        return action()
    except OSError as exc:
        raise FetchError(f"cannot write {part}: {exc}", retryable=False) from None


def _retry_after(headers) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# one attempt, one file


def _attempt(
    job: Job, target: Path, config: FetchConfig, stream: TextIO, chunk_hook: Callable[[int], None] | None = None
) -> tuple[int, str]:
    """One download attempt into ``<target>.part``, then ``os.replace``. Returns (bytes, sha256).

    Raises FetchError (retryable or not). Never leaves ``.part`` behind, never touches ``target``
    unless the body is complete and matches the pin.
    """
    part = target.with_name(target.name + PART_SUFFIX)
    request = urllib.request.Request(job.url, headers={"User-Agent": config.user_agent, "Accept": "*/*"})
    target.parent.mkdir(parents=True, exist_ok=True)
    received = 0
    try:
        try:
            response = urllib.request.urlopen(request, timeout=config.timeout)
        except urllib.error.HTTPError as exc:
            code = exc.code
            exc.close()
            retryable = code >= 500 or code in RETRYABLE_HTTP
            err = FetchError(f"HTTP {code} {exc.reason} for {job.url}", retryable=retryable)
            err.retry_after = _retry_after(exc.headers)
            raise err from None
        with response:
            length_header = response.headers.get("Content-Length")
            try:
                expected = int(length_header) if length_header is not None else None
            except ValueError:
                expected = None
            progress = _Progress(job.file, expected, stream, config)
            digest = hashlib.sha256()
            try:
                out = _local_io(part, lambda: open(part, "wb"))
                with out:
                    while True:
                        chunk = response.read(CHUNK_SIZE)
                        if not chunk:
                            break
                        _local_io(part, lambda: out.write(chunk))
                        digest.update(chunk)
                        received += len(chunk)
                        progress.update(len(chunk))
                        if chunk_hook is not None:
                            chunk_hook(received)
                    _local_io(part, lambda: (out.flush(), os.fsync(out.fileno())))
            finally:
                progress.close()
        if expected is not None and received < expected:
            raise FetchError(
                f"truncated download of {job.url}: received {received} of {expected} bytes",
                retryable=True,
            )
        actual = digest.hexdigest()
        if job.sha256 is not None and actual != job.sha256:
            raise ChecksumError(job.file, job.sha256, actual)
        os.replace(part, target)
        _fsync_dir(target.parent)
        return received, actual
    except FetchError:
        raise
    except http.client.IncompleteRead as exc:
        raise FetchError(
            f"truncated download of {job.url}: connection closed after {received + len(exc.partial)} bytes",
            retryable=True,
        ) from None
    except TimeoutError as exc:
        raise FetchError(f"timed out after {config.timeout:g} s fetching {job.url} ({exc})", retryable=True) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        retryable = isinstance(reason, (OSError, socket.timeout, TimeoutError))
        raise FetchError(f"cannot reach {job.url}: {reason}", retryable=retryable) from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise FetchError(f"connection error fetching {job.url}: {exc!r}", retryable=True) from None
    except OSError as exc:
        # network-level errors (reset, SSL, ...); local disk errors were raised by _local_io already
        raise FetchError(f"network error fetching {job.url}: {exc}", retryable=True) from None
    finally:
        # on success the .part file was renamed away; on any failure (even KeyboardInterrupt) drop it
        if part.exists():
            try:
                part.unlink()
            except OSError:  # pragma: no cover
                pass


def is_present_and_valid(target: Path, job: Job) -> tuple[bool, str]:
    """(valid, why) for a file already under its final name."""
    if not target.is_file():
        return False, "absent"
    if job.sha256 is not None:
        actual = sha256_of(target)
        if actual == job.sha256:
            return True, "sha256 matches"
        return False, f"present but sha256 {actual} differs from pin"
    if target.stat().st_size > 0:
        return True, "present (no sha256 pin)"
    return False, "present but empty"


def fetch_one(
    job: Job,
    out_dir: Path,
    config: FetchConfig,
    *,
    stream: TextIO = sys.stdout,
    sleep: Callable[[float], None] = time.sleep,
    chunk_hook: Callable[[int], None] | None = None,
) -> Result:
    target = Path(out_dir) / job.file
    started = time.monotonic()
    if not config.force:
        valid, why = is_present_and_valid(target, job)
        if valid:
            return Result(job, "skipped", target.stat().st_size, time.monotonic() - started, 0, why)
    attempts = max(1, config.attempts)
    last_error: FetchError | None = None
    for attempt in range(1, attempts + 1):
        try:
            size, digest = _attempt(job, target, config, stream, chunk_hook)
            note = "sha256 verified" if job.sha256 else f"not pinned; sha256 {digest}"
            return Result(job, "downloaded", size, time.monotonic() - started, attempt, note)
        except FetchError as exc:
            last_error = exc
            if not exc.retryable or attempt == attempts:
                break
            delay = backoff_delay(attempt, config, getattr(exc, "retry_after", None))
            print(f"  retry {attempt}/{attempts - 1} for {job.file} in {delay:g} s: {exc}", file=stream, flush=True)
            sleep(delay)
    assert last_error is not None
    tried = f" (after {attempt} attempts)" if attempt > 1 else ""
    return Result(job, "failed", 0, time.monotonic() - started, attempt, f"{last_error}{tried}")


# --------------------------------------------------------------------------------------------------
# whole run


def print_summary(summary: Summary, stream: TextIO) -> None:
    rows = [("status", "dataset", "file", "size", "time", "note")]
    for r in summary.results:
        rows.append(
            (
                r.status,
                r.job.dataset_id,
                r.job.file,
                human_bytes(r.bytes) if r.status != "failed" else "-",
                f"{r.seconds:.1f} s",
                r.message,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    stream.write("\nsummary\n")
    for i, row in enumerate(rows):
        stream.write("  " + "  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row[:5])) + "  " + row[5] + "\n")
        if i == 0:
            stream.write("  " + "  ".join("-" * w for w in widths) + "  ----\n")
    stream.write(
        f"\n  downloaded {summary.count('downloaded')}, skipped {summary.count('skipped')}, "
        f"failed {summary.count('failed')} (of {len(summary.results)} files)\n"
    )
    stream.flush()


def fetch_all(
    jobs: list[Job],
    out_dir: Path | str,
    config: FetchConfig = FetchConfig(),
    *,
    stream: TextIO = sys.stdout,
    sleep: Callable[[float], None] = time.sleep,
) -> Summary:
    out_dir = Path(out_dir)
    summary = Summary()
    total = len(jobs)
    for i, job in enumerate(jobs, start=1):
        stream.write(f"[{i}/{total}] {job.file} <- {job.url}\n")
        stream.flush()
        result = fetch_one(job, out_dir, config, stream=stream, sleep=sleep)
        size = human_bytes(result.bytes) if result.status != "failed" else "-"
        stream.write(f"  {result.status}: {job.file}  {size}  {result.seconds:.1f} s  {result.message}\n")
        stream.flush()
        summary.results.append(result)
    print_summary(summary, stream)
    return summary


def dry_run(jobs: list[Job], out_dir: Path | str, config: FetchConfig, stream: TextIO) -> Summary:
    """List what would be downloaded, without any network access."""
    out_dir = Path(out_dir)
    summary = Summary()
    stream.write("dry run: nothing is downloaded\n")
    for job in jobs:
        target = out_dir / job.file
        valid, why = is_present_and_valid(target, job)
        action = "skip" if valid and not config.force else "get"
        pin = f"sha256 {job.sha256[:12]}..." if job.sha256 else "no pin"
        stream.write(f"  {action:4}  {job.dataset_id:40}  {job.file}  ({pin}; {why})\n    {job.url}\n")
        summary.results.append(Result(job, "planned", 0, 0.0, 0, why))
    stream.write(f"\n  {len(jobs)} files from {len({j.dataset_id for j in jobs})} datasets\n")
    stream.flush()
    return summary


@command
def main(
    argv: list[str] | None = None, *, stream: TextIO = sys.stdout, sleep: Callable[[float], None] = time.sleep
) -> int:
    parser = argparse.ArgumentParser(
        description="Download every registry dataset that has a URL into the raw directory."
    )
    parser.add_argument("--out", default="data/raw", help="raw directory to download into (default data/raw)")
    parser.add_argument(
        "--dataset", action="append", default=[], metavar="ID", help="only this registry dataset id (repeatable)"
    )
    parser.add_argument("--dry-run", action="store_true", help="list the downloads without fetching")
    parser.add_argument("--force", action="store_true", help="download again files already present")
    parser.add_argument("--attempts", type=int, default=FetchConfig.attempts, help="attempts per file (default 4)")
    parser.add_argument(
        "--base-delay",
        type=float,
        default=FetchConfig.base_delay,
        help="seconds before the first retry, doubled each retry (default 2)",
    )
    parser.add_argument("--max-delay", type=float, default=FetchConfig.max_delay, help="cap on one back-off delay")
    parser.add_argument("--timeout", type=float, default=FetchConfig.timeout, help="connect/read timeout, seconds")
    parser.add_argument("--registry", default=str(REGISTRY_DIR), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.attempts < 1:
        parser.error("--attempts must be at least 1")
    config = FetchConfig(
        attempts=args.attempts,
        base_delay=args.base_delay,
        max_delay=args.max_delay,
        timeout=args.timeout,
        force=args.force,
    )
    try:
        jobs = jobs_from_registry(load_registry(args.registry), args.dataset)
    except RegistryError as exc:
        print(f"fetch: {exc}", file=sys.stderr)
        return 2
    if not jobs:
        stream.write("nothing to fetch: no selected dataset has a download URL\n")
        return 0
    if args.dry_run:
        dry_run(jobs, args.out, config, stream)
        return 0
    summary = fetch_all(jobs, args.out, config, stream=stream, sleep=sleep)
    if not summary.ok:
        print(f"fetch: {summary.count('failed')} file(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
