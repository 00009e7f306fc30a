"""Headless Chromium for the report and docs-site tests: dump the DOM, take screenshots, read the console.

Chromium runs with a fresh profile, no network services of its own, and its console written to stderr
(``--enable-logging=stderr --v=0``): every ``console.*`` message and uncaught error appears there as a
``CONSOLE`` line, which ``console_problems`` filters. Pages are served from 127.0.0.1 by
``serve_directory`` (a thread, stopped at exit of the ``with`` block).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
CONSOLE_LINE = re.compile(r":CONSOLE[:(]\d*\)?\]\s*\"(.*)\", source: (.*)$")
PROBLEM = re.compile(r"uncaught|error|failed|refused|not allowed", re.I)
ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(os.environ.get("INDEX_TEST_ARTEFACTS", ROOT / "data" / "test" / "artefacts"))


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@dataclass
class PageRun:
    dom: str
    console: list[str]
    stderr: str

    def console_problems(self) -> list[str]:
        return [line for line in self.console if PROBLEM.search(line)]


def _console(stderr: str) -> list[str]:
    lines = []
    for raw in stderr.splitlines():
        match = CONSOLE_LINE.search(raw)
        if match:
            lines.append(f"{match.group(1)} ({match.group(2)})")
    return lines


def open_page(url: str, *, screenshot: Path | None = None, window: str = "1400,2000",
              budget_ms: int = 20000, timeout: int = 180) -> PageRun:
    """Load url headless; return its DOM after the virtual time budget, and its console lines.

    With ``screenshot`` a second run writes a PNG of the viewport there.
    """
    binary = chromium()
    if binary is None:
        raise RuntimeError("chromium not found")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        common = [binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={window}",
                  f"--virtual-time-budget={budget_ms}"]
        result = subprocess.run([*common, "--dump-dom", url], capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
        run = PageRun(result.stdout, _console(result.stderr), result.stderr)
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            shot = subprocess.run([*common, f"--screenshot={screenshot}", url], capture_output=True, text=True,
                                  timeout=timeout)
            if shot.returncode != 0 or not screenshot.exists():
                raise RuntimeError(f"screenshot failed ({shot.returncode}): {shot.stderr[-2000:]}")
        return run
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
