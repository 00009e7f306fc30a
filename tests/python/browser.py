"""Headless Chromium for the report and docs-site tests: dump the DOM, take screenshots, read the console.

Chromium runs with a fresh profile, no network services of its own, and its console written to stderr
(``--enable-logging=stderr --v=0``): every ``console.*`` message and uncaught error appears there as a
``CONSOLE`` line, which ``console_problems`` filters. Pages are served from 127.0.0.1 by
``serve_directory`` (a thread, stopped at exit of the ``with`` block).

``open_page`` loads a page once for both its DOM and its screenshot.

``DevTools`` drives Chromium over the DevTools protocol instead, for what the command line cannot do:
an exact viewport width (a headless window is at least 500 px wide; a 390 px phone is emulated),
scripts run in the page, several looks at one loaded page (its DOM, console, screenshots, then after a
click or a new anchor) and screenshots of the whole page or of one element. A tab's console holds the
page's console calls, uncaught errors and what the browser reports of it (failed loads, refusals: the
Log domain). ``measure_layout`` measures the page a tab shows with ``LAYOUT_PROBE``; ``check_layout``
opens a page at one width and measures it.
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

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
CONSOLE_LINE = re.compile(r":CONSOLE[:(]\d*\)?\]\s*\"(.*)\", source: (.*)$")
PROBLEM = re.compile(r"uncaught|error|failed|refused|not allowed", re.I)
ROOT = Path(__file__).resolve().parents[2]
# The report's page script has drawn everything (report.js sets it last).
READY = "document.getElementById('report-status').getAttribute('data-ready') === 'true'"
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


def open_page(
    url: str, *, screenshot: Path | None = None, window: str = "1400,2000", budget_ms: int = 20000, timeout: int = 180
) -> PageRun:
    """Load url headless; return its DOM after the virtual time budget, and its console lines.

    With ``screenshot`` the same run writes a PNG of the viewport there (one page load for both).
    """
    binary = chromium()
    if binary is None:
        raise RuntimeError("chromium not found")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        command = [
            binary,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={window}",
            f"--virtual-time-budget={budget_ms}",
            "--dump-dom",
        ]
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot.unlink(missing_ok=True)  # so that a PNG found afterwards is this run's
            command.append(f"--screenshot={screenshot}")
        result = subprocess.run([*command, url], capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
        if screenshot is not None and not screenshot.exists():
            raise RuntimeError(f"screenshot failed: {result.stderr[-2000:]}")
        return PageRun(result.stdout, _console(result.stderr), result.stderr)
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


# --- exact viewport widths: Chromium driven over the DevTools protocol ----------------------------------------
# A headless window is at least 500 px wide, so a 390 px phone needs device emulation
# (Emulation.setDeviceMetricsOverride). DevTools speaks JSON messages ended by NUL bytes on file
# descriptors 3 (to Chromium) and 4 (from Chromium) with --remote-debugging-pipe: no extra package needed.

DEVTOOLS_FLAGS = [flag for flag in FLAGS if not flag.startswith(("--enable-logging", "--v="))]


class DevTools:
    """``with DevTools() as chrome: tab = chrome.open(url, width=390)`` then ``tab.evaluate(js)``,
    ``tab.screenshot(path)``, ``tab.console_problems()``."""

    def __init__(self, timeout: float = 180):
        binary = chromium()
        if binary is None:
            raise RuntimeError("chromium not found")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        to_chrome_read, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_write = os.pipe()
        # Chromium reads fd 3 and writes fd 4. The child's ends are first moved to fds >= 100, so that
        # putting one on 3 cannot overwrite the other (under pytest's capture the pipes may be fds 3 and 4).
        to_chrome_read, from_chrome_write = self._high_fd(to_chrome_read), self._high_fd(from_chrome_write)

        def pipes_on_3_and_4():  # in the child, before exec; dup2 leaves the copies inheritable
            os.dup2(to_chrome_read, 3)
            os.dup2(from_chrome_write, 4)

        command = [binary, *DEVTOOLS_FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(
            command,
            preexec_fn=pipes_on_3_and_4,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    @staticmethod
    def _high_fd(fd: int) -> int:
        import fcntl

        high = fcntl.fcntl(fd, fcntl.F_DUPFD, 100)
        os.close(fd)
        return high

    # protocol
    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        import json

        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._to_chrome, data)
            data = data[written:]
        return self._next_id

    def _receive(self, deadline: float) -> dict:
        import json
        import select
        import time

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        import time

        wanted = self.send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_event(self, method: str, session: str | None, timeout: float | None = None) -> dict:
        import time

        deadline = time.monotonic() + (timeout or self.timeout)
        for index, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(index)
        while True:
            message = self._receive(deadline)
            if message.get("method") == method and message.get("sessionId") == session:
                return message
            self.events.append(message)

    def open(self, url: str, width: int = 1400, height: int = 900, mobile: bool | None = None) -> Tab:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, target, session)
        self.call("Page.enable", session=session)
        self.call("Runtime.enable", session=session)
        self.call("Log.enable", session=session)  # what the browser itself reports: failed loads, refusals
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": width < 700 if mobile is None else mobile,
            },
            session=session,
        )
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        return tab

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self.send("Browser.close")
                    self.process.wait(timeout=10)
                except Exception:
                    pass
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)
        finally:
            for fd in (self._to_chrome, self._from_chrome):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> DevTools:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class Tab:
    chrome: DevTools
    target: str
    session: str

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (promises awaited); page exceptions raise."""
        result = self.chrome.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, self.session
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def dom(self) -> str:
        """The page's DOM as it is now (what --dump-dom writes)."""
        return self.evaluate("document.documentElement.outerHTML")

    def wait_for(self, expression: str, timeout: float = 60, pause: float = 0.25):
        import time

        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {expression}")
            time.sleep(pause)

    def screenshot(self, path: Path, element: str | None = None, max_height: int = 16000) -> Path:
        """A PNG of the whole page (at most max_height px tall), or of the element with that id."""
        import base64
        import json

        if element:
            box = self.evaluate(
                f"(function () {{ var r = document.getElementById({json.dumps(element)})"
                ".getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()"
            )
        else:
            size = self.chrome.call("Page.getLayoutMetrics", session=self.session)["cssContentSize"]
            box = [0, 0, size["width"], size["height"]]
        clip = {
            "x": box[0],
            "y": box[1],
            "width": max(1, box[2]),
            "height": max(1, min(box[3], max_height)),
            "scale": 1,
        }
        # optimizeForSpeed: a faster PNG encoding, larger files (the whole demo report at 1400 px: 1.9 s for 3.8 MB
        # against 3.1 s for 2.9 MB)
        data = self.chrome.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip, "optimizeForSpeed": True},
            self.session,
        )["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def console(self) -> list[str]:
        lines = []
        for event in self.chrome.events:
            if event.get("sessionId") != self.session:
                continue
            if event.get("method") == "Runtime.consoleAPICalled":
                args = " ".join(str(a.get("value", a.get("description", ""))) for a in event["params"].get("args", []))
                lines.append(f"console.{event['params'].get('type')}: {args}")
            elif event.get("method") == "Runtime.exceptionThrown":
                details = event["params"].get("exceptionDetails", {})
                lines.append(f"uncaught: {details.get('exception', {}).get('description') or details.get('text')}")
            elif event.get("method") == "Log.entryAdded":
                entry = event["params"].get("entry", {})
                where = f" ({entry['url']})" if entry.get("url") else ""
                lines.append(f"log.{entry.get('source')}.{entry.get('level')}: {entry.get('text')}{where}")
        return lines

    def console_problems(self) -> list[str]:
        return [
            line
            for line in self.console()
            if line.startswith(("console.error", "console.warn", "uncaught"))
            or re.match(r"log\.\w+\.error:", line)
            or PROBLEM.search(line)
        ]

    def close(self) -> None:
        self.chrome.call("Target.closeTarget", {"targetId": self.target})


# What the layout checks of the report measure, in the page itself: the viewport, the page's scroll width
# and a list of problems: a box past the viewport's edges outside a scrolling table frame, a table frame or
# chart wider than its column, a table cell whose text is cut, a chart text (title, axis title, tick label,
# legend, annotation, bar label) outside its chart, a visible plotly toolbar; and per chart its size, how
# far its first point lies below the top of the plot area, its x range, its bar widths and bar labels.
LAYOUT_PROBE = r"""(function () {
  function rect(el) { return el.getBoundingClientRect(); }
  function label(el) {
    var id = el.id ? '#' + el.id : '';
    var cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    var owner = el.parentElement && el.parentElement.closest('[id]');
    return el.tagName.toLowerCase() + id + cls + (owner ? ' in #' + owner.id : '') +
           (el.textContent ? ' "' + el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40) + '"' : '');
  }
  function shown(el) { var r = rect(el); return r.width > 0 && r.height > 0; }
  var vw = document.documentElement.clientWidth, problems = [], tol = 1;
  var scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (scrollWidth > vw + tol) problems.push('the page scrolls sideways: ' + scrollWidth + ' px wide in a ' + vw + ' px viewport');
  // 1. every box outside the table frames and the charts' insides lies within the viewport
  Array.prototype.forEach.call(document.body.querySelectorAll('*'), function (el) {
    if (/^(SCRIPT|STYLE|OPTION|BR)$/.test(el.tagName) || el.closest('#report-status, #js-plotly-tester')) return;
    if (el.parentElement && el.parentElement.closest('.table-wrap')) return;
    if (el.closest('.js-plotly-plot') && !el.classList.contains('js-plotly-plot')) return;
    if (!shown(el)) return;
    var r = rect(el);
    if (r.left < -tol || r.right > vw + tol) problems.push('outside the viewport (' + Math.round(r.left) + ' to ' + Math.round(r.right) + '): ' + label(el));
  });
  // 2. table frames and charts stay within their column (not running under the chart beside them)
  document.querySelectorAll('.table-wrap, .js-plotly-plot').forEach(function (el) {
    if (!shown(el)) return;
    var box = el.parentElement.closest('.cell, figure, section, footer'); if (!box) return;
    var r = rect(el), b = rect(box);
    if (r.right > b.right + tol || r.left < b.left - tol) problems.push('wider than its column: ' + label(el));
  });
  // 3. no table cell cuts its text
  document.querySelectorAll('.table-wrap th, .table-wrap td').forEach(function (el) {
    if (shown(el) && el.scrollWidth > el.clientWidth + tol) problems.push('cell text cut (' + el.scrollWidth + ' > ' + el.clientWidth + ' px): ' + label(el));
  });
  // 4. chart texts inside their chart, no toolbar; what each chart shows
  var charts = [];
  document.querySelectorAll('.js-plotly-plot').forEach(function (plot) {
    if (!shown(plot)) return;
    var b = rect(plot.querySelector('.main-svg'));
    plot.querySelectorAll('.gtitle, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text, .legendtext, ' +
                          '.annotation-text, .cbtitle text, .cbaxis text, .bartext').forEach(function (t) {
      if (!shown(t)) return;
      var r = rect(t);
      if (r.left < b.left - tol || r.right > b.right + tol || r.top < b.top - tol || r.bottom > b.bottom + tol)
        problems.push('chart text clipped: "' + t.textContent.slice(0, 50) + '" in #' + plot.id);
    });
    plot.querySelectorAll('.modebar').forEach(function (bar) { if (shown(bar)) problems.push('plotly toolbar shown in #' + plot.id); });
    var info = {id: plot.id, width: Math.round(b.width), height: Math.round(b.height)};
    var area = plot.querySelector('.nsewdrag'), points = plot.querySelectorAll('.scatterlayer .point, .barlayer .point');
    if (area && points.length) {
      info.firstPointBelowTop = Math.round(Math.min.apply(null, Array.prototype.map.call(points, function (p) { return rect(p).top; })) - rect(area).top);
    }
    if (plot.layout && plot.layout.xaxis) info.xrange = plot.layout.xaxis.range;
    info.bars = Array.prototype.map.call(plot.querySelectorAll('.barlayer .point'), function (p) { return Math.round(rect(p).width * 10) / 10; });
    info.barTexts = Array.prototype.map.call(plot.querySelectorAll('.bartext'), function (t) { return t.textContent; });
    charts.push(info);
  });
  return JSON.stringify({viewport: vw, scrollWidth: scrollWidth, problems: problems, charts: charts});
})()"""


@dataclass
class LayoutRun:
    viewport: int
    scroll_width: int
    problems: list[str]
    charts: dict[str, dict]
    dom: str
    console: list[str]
    console_problems: list[str]
    extra: object = None


def measure_layout(
    tab: Tab,
    *,
    screenshots: dict[str, Path] | None = None,
    settle: float = 1.0,
    extra: str | None = None,
    dom: bool = False,
) -> LayoutRun:
    """LAYOUT_PROBE on the page as a tab shows it now, after ``settle`` seconds (plotly's responsive resize and the
    fonts); then the screenshots ({element id or '' for the whole page: path}) and the expression ``extra``. The
    page's DOM only with ``dom`` (a large report's is megabytes)."""
    import json
    import time

    time.sleep(settle)
    result = json.loads(tab.evaluate(LAYOUT_PROBE))
    html = tab.dom() if dom else ""
    for element, path in (screenshots or {}).items():
        tab.screenshot(path, element or None)
    more = tab.evaluate(extra) if extra else None
    return LayoutRun(
        result["viewport"],
        result["scrollWidth"],
        result["problems"],
        {chart["id"]: chart for chart in result["charts"]},
        html,
        tab.console(),
        tab.console_problems(),
        json.loads(more) if isinstance(more, str) else more,
    )


def check_layout(
    chrome: DevTools,
    url: str,
    width: int,
    *,
    screenshots: dict[str, Path] | None = None,
    ready: str = READY,
    settle: float = 1.0,
    extra: str | None = None,
) -> LayoutRun:
    """Open url in a new tab at a viewport ``width`` px wide, wait until ``ready`` holds, then ``measure_layout``
    (with the DOM)."""
    tab = chrome.open(url, width=width, height=900)
    try:
        tab.wait_for(ready)
        return measure_layout(tab, screenshots=screenshots, settle=settle, extra=extra, dom=True)
    finally:
        tab.close()
