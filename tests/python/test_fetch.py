"""`make fetch`: downloads against a local HTTP server on 127.0.0.1 serving fixtures and faults.

No test contacts any other address: every URL is built from the server's ephemeral port.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from council_index.pipeline import fetch
from council_index.pipeline.errors import RegistryError
from council_index.pipeline.registry import load_registry

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "fetch" / "sample.csv"
BODY = FIXTURE.read_bytes()
BODY_SHA = hashlib.sha256(BODY).hexdigest()
BIG = bytes(range(256)) * (12 * 1024)  # 3 MiB
ROOT = Path(__file__).resolve().parents[2]


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: list[str] = []
    lock = threading.Lock()

    def log_message(self, *args):  # keep pytest output quiet
        pass

    def _send(self, code: int, body: bytes, length: int | None = None, headers: dict | None = None):
        self.send_response(code)
        self.send_header("Content-Type", "application/octet-stream")
        if length is not None:
            self.send_header("Content-Length", str(length))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        path = self.path
        with self.lock:
            Handler.hits[path] = Handler.hits.get(path, 0) + 1
            Handler.agents.append(self.headers.get("User-Agent", ""))
            hit = Handler.hits[path]
        if path == "/sample.csv" or path == "/other.csv":
            self._send(200, BODY, len(BODY))
        elif path == "/missing.csv":
            self._send(404, b"not found", 9)
        elif path == "/forbidden.csv":
            self._send(403, b"no", 2)
        elif path == "/truncated.csv":
            self._send(200, BODY, len(BODY) + 100)  # announces more than it sends, then closes
        elif path == "/truncated-once.csv":
            self._send(200, BODY, len(BODY) + (100 if hit == 1 else 0))
        elif path == "/flaky.csv":
            if hit <= 2:
                self._send(500, b"boom", 4)
            else:
                self._send(200, BODY, len(BODY))
        elif path == "/always503.csv":
            self._send(503, b"busy", 4)
        elif path == "/slow.csv":
            time.sleep(1.0)
            self._send(200, BODY, len(BODY))
        elif path == "/nolength.csv":
            self._send(200, BODY, None)
        elif path == "/big.bin":
            self._send(200, BIG, len(BIG))
        elif path == "/chunked-cut.csv":
            self.protocol_version = "HTTP/1.1"
            self.close_connection = True
            self._send(200, b"10\r\n" + BODY[:16] + b"\r\n40\r\n" + BODY[16:30], None, {"Transfer-Encoding": "chunked"})
        elif path == "/trickle.bin":
            # 1 MiB announced, sent slowly in 16 KiB pieces: a download to kill in the middle
            self.send_response(200)
            self.send_header("Content-Length", str(1024 * 1024))
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"x" * 16 * 1024)
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(404, b"?", 1)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base(server):
    Handler.hits.clear()
    Handler.agents.clear()
    return server


def write_registry(directory: Path, datasets: dict[str, list[tuple]]) -> Path:
    """datasets: id -> [(url, file, sha256 or None), ...]; one small yml per dataset."""
    directory.mkdir(parents=True, exist_ok=True)
    for dataset_id, downloads in datasets.items():
        lines = [
            "datasets:",
            f"  - id: {dataset_id}",
            "    publisher: Test publisher",
            f"    title: Test dataset {dataset_id}",
            "    landing_page: http://127.0.0.1/",
            "    licence: OGL-3.0",
            "    source_folder: fetchtest",
            "    downloads:",
        ]
        for url, file, sha in downloads:
            lines += [f"      - url: {url}", f"        file: {file}"]
            if sha:
                lines.append(f"        sha256: {sha}")
        lines += [
            "    tables:",
            "      - id: t",
            "        path: fetchtest/*.csv",
            "        reader: csv",
            "        columns: [area_code]",
        ]
        (directory / f"{dataset_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def job(url, file="fetchtest/sample.csv", sha=None, dataset="ds"):
    return fetch.Job(dataset, url, file, sha)


FAST = fetch.FetchConfig(attempts=3, base_delay=0.01, max_delay=0.05, timeout=5)


def assert_clean(out: Path, file: str):
    """No file under the final name and no leftover .part."""
    assert not (out / file).exists()
    assert not (out / (file + ".part")).exists()


# ---------------------------------------------------------------------------------------------- basics


def test_normal_download_is_complete_atomic_and_identified(base, tmp_path):
    stream = io.StringIO()
    result = fetch.fetch_one(job(f"{base}/sample.csv", sha=BODY_SHA), tmp_path, FAST, stream=stream)
    assert result.status == "downloaded", result.message
    assert result.bytes == len(BODY) == 120
    assert (tmp_path / "fetchtest/sample.csv").read_bytes() == BODY
    assert not (tmp_path / "fetchtest/sample.csv.part").exists()
    assert Handler.hits == {"/sample.csv": 1}
    assert result.message == "sha256 verified"
    assert Handler.agents[0].startswith("council-productivity-index-fetch/")


def test_download_without_content_length_works(base, tmp_path):
    result = fetch.fetch_one(job(f"{base}/nolength.csv"), tmp_path, FAST, stream=io.StringIO())
    assert result.status == "downloaded"
    assert result.message == f"not pinned; sha256 {BODY_SHA}"  # printed so the pin can be added
    assert (tmp_path / "fetchtest/sample.csv").read_bytes() == BODY


def test_404_fails_at_once_with_a_clear_error(base, tmp_path):
    sleeps = []
    result = fetch.fetch_one(job(f"{base}/missing.csv"), tmp_path, FAST, stream=io.StringIO(), sleep=sleeps.append)
    assert result.status == "failed"
    assert "HTTP 404" in result.message and "/missing.csv" in result.message
    assert Handler.hits == {"/missing.csv": 1} and sleeps == []
    assert_clean(tmp_path, "fetchtest/sample.csv")


def test_403_is_not_retried_either(base, tmp_path):
    result = fetch.fetch_one(job(f"{base}/forbidden.csv"), tmp_path, FAST, stream=io.StringIO(), sleep=lambda s: None)
    assert result.status == "failed" and "HTTP 403" in result.message
    assert Handler.hits == {"/forbidden.csv": 1}


# ---------------------------------------------------------------------------------------------- faults


def test_truncated_body_is_detected_retried_and_failed(base, tmp_path):
    sleeps = []
    result = fetch.fetch_one(job(f"{base}/truncated.csv"), tmp_path, FAST, stream=io.StringIO(), sleep=sleeps.append)
    assert result.status == "failed"
    assert "received 120 of 220 bytes" in result.message
    assert "after 3 attempts" in result.message
    assert Handler.hits == {"/truncated.csv": 3}
    assert sleeps == [0.01, 0.02]
    assert_clean(tmp_path, "fetchtest/sample.csv")


def test_truncated_once_then_complete_succeeds(base, tmp_path):
    result = fetch.fetch_one(
        job(f"{base}/truncated-once.csv"), tmp_path, FAST, stream=io.StringIO(), sleep=lambda s: None
    )
    assert result.status == "downloaded" and result.attempts == 2
    assert (tmp_path / "fetchtest/sample.csv").read_bytes() == BODY


def test_cut_chunked_body_is_a_truncation(base, tmp_path):
    result = fetch.fetch_one(
        job(f"{base}/chunked-cut.csv"),
        tmp_path,
        fetch.FetchConfig(attempts=2, base_delay=0.0, timeout=5),
        stream=io.StringIO(),
        sleep=lambda s: None,
    )
    assert result.status == "failed" and "truncated download" in result.message
    assert Handler.hits == {"/chunked-cut.csv": 2}
    assert_clean(tmp_path, "fetchtest/sample.csv")


def test_checksum_mismatch_names_file_expected_and_actual(base, tmp_path):
    pinned = "0" * 64
    result = fetch.fetch_one(
        job(f"{base}/sample.csv", sha=pinned), tmp_path, FAST, stream=io.StringIO(), sleep=lambda s: None
    )
    assert result.status == "failed"
    assert result.message == f"fetchtest/sample.csv: sha256 mismatch: expected {pinned}, got {BODY_SHA}"
    assert Handler.hits == {"/sample.csv": 1}  # a wrong digest is not retried
    assert_clean(tmp_path, "fetchtest/sample.csv")


def test_500_twice_then_success_retries_with_exponential_backoff(base, tmp_path):
    sleeps = []
    config = fetch.FetchConfig(attempts=4, base_delay=0.01, max_delay=1, timeout=5)
    stream = io.StringIO()
    result = fetch.fetch_one(
        job(f"{base}/flaky.csv", sha=BODY_SHA), tmp_path, config, stream=stream, sleep=sleeps.append
    )
    assert result.status == "downloaded" and result.attempts == 3
    assert sleeps == [0.01, 0.02]
    assert Handler.hits == {"/flaky.csv": 3}
    assert "HTTP 500" in stream.getvalue()
    assert (tmp_path / "fetchtest/sample.csv").read_bytes() == BODY


def test_persistent_5xx_gives_up_after_the_configured_attempts(base, tmp_path):
    sleeps = []
    config = fetch.FetchConfig(attempts=5, base_delay=0.01, max_delay=0.03, timeout=5)
    result = fetch.fetch_one(job(f"{base}/always503.csv"), tmp_path, config, stream=io.StringIO(), sleep=sleeps.append)
    assert result.status == "failed" and "HTTP 503" in result.message
    assert Handler.hits == {"/always503.csv": 5}
    assert sleeps == [0.01, 0.02, 0.03, 0.03]  # doubling, capped at max_delay


def test_timeout_is_retried(base, tmp_path):
    config = fetch.FetchConfig(attempts=2, base_delay=0.0, timeout=0.2)
    result = fetch.fetch_one(job(f"{base}/slow.csv"), tmp_path, config, stream=io.StringIO(), sleep=lambda s: None)
    assert result.status == "failed" and "timed out" in result.message
    assert Handler.hits == {"/slow.csv": 2}
    assert_clean(tmp_path, "fetchtest/sample.csv")


def test_connection_refused_is_retried(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens on that port now
    sleeps = []
    result = fetch.fetch_one(
        job(f"http://127.0.0.1:{port}/x.csv"), tmp_path, FAST, stream=io.StringIO(), sleep=sleeps.append
    )
    assert result.status == "failed" and "cannot reach" in result.message
    assert len(sleeps) == 2  # 3 attempts


def test_backoff_delay_doubles_caps_and_honours_retry_after():
    config = fetch.FetchConfig(base_delay=2, max_delay=10)
    assert [fetch.backoff_delay(a, config) for a in (1, 2, 3, 4)] == [2, 4, 8, 10]
    assert fetch.backoff_delay(1, config, retry_after=5) == 5
    assert fetch.backoff_delay(1, config, retry_after=100) == 10


# ---------------------------------------------------------------------------------------------- atomicity


def test_interrupt_mid_download_leaves_no_final_file_and_no_part(base, tmp_path):
    def interrupt(received):
        assert (tmp_path / "big/big.bin.part").exists()  # streaming goes to .part first
        assert not (tmp_path / "big/big.bin").exists()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch.fetch_one(
            job(f"{base}/big.bin", file="big/big.bin"), tmp_path, FAST, stream=io.StringIO(), chunk_hook=interrupt
        )
    assert_clean(tmp_path, "big/big.bin")


def test_failed_redownload_keeps_the_previous_file_intact(base, tmp_path):
    target = tmp_path / "fetchtest/sample.csv"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"previous good copy\n")
    config = fetch.FetchConfig(attempts=2, base_delay=0.0, timeout=5, force=True)
    result = fetch.fetch_one(job(f"{base}/truncated.csv"), tmp_path, config, stream=io.StringIO(), sleep=lambda s: None)
    assert result.status == "failed"
    assert target.read_bytes() == b"previous good copy\n"
    assert not (tmp_path / "fetchtest/sample.csv.part").exists()


def test_killed_process_never_leaves_a_final_file_and_a_rerun_recovers(base, tmp_path):
    registry = write_registry(tmp_path / "registry", {"trickle": [(f"{base}/trickle.bin", "t/trickle.bin", None)]})
    out = tmp_path / "raw"
    command = [sys.executable, "-m", "council_index.pipeline.fetch", "--out", str(out), "--registry", str(registry)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    part = out / "t/trickle.bin.part"
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline and not (part.exists() and part.stat().st_size > 0):
        time.sleep(0.02)
    assert part.exists(), "the download never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=5)
    assert not (out / "t/trickle.bin").exists()  # nothing under the final name after a hard kill
    # a stale .part from a killed run is simply overwritten by the next run
    code = fetch.main(["--out", str(out), "--registry", str(registry), "--base-delay", "0"], stream=io.StringIO())
    assert code == 0
    assert (out / "t/trickle.bin").stat().st_size == 1024 * 1024
    assert not part.exists()


# ---------------------------------------------------------------------------------------------- skipping


def test_present_files_are_skipped_unless_invalid_or_forced(base, tmp_path):
    target = tmp_path / "fetchtest/sample.csv"
    target.parent.mkdir(parents=True)
    quiet = io.StringIO()

    target.write_bytes(b"anything non-empty\n")  # no pin: present and non-empty -> skipped
    assert fetch.fetch_one(job(f"{base}/sample.csv"), tmp_path, FAST, stream=quiet).status == "skipped"
    assert Handler.hits == {}

    target.write_bytes(b"")  # empty -> downloaded again
    assert fetch.fetch_one(job(f"{base}/sample.csv"), tmp_path, FAST, stream=quiet).status == "downloaded"
    assert Handler.hits == {"/sample.csv": 1}

    # pinned and matching -> skipped; pinned and different -> downloaded again
    result = fetch.fetch_one(job(f"{base}/sample.csv", sha=BODY_SHA), tmp_path, FAST, stream=quiet)
    assert (result.status, result.message) == ("skipped", "sha256 matches")
    target.write_bytes(b"stale copy\n")
    assert fetch.fetch_one(job(f"{base}/sample.csv", sha=BODY_SHA), tmp_path, FAST, stream=quiet).status == "downloaded"
    assert target.read_bytes() == BODY
    assert Handler.hits == {"/sample.csv": 2}

    forced = fetch.FetchConfig(attempts=1, timeout=5, force=True)
    result = fetch.fetch_one(job(f"{base}/sample.csv", sha=BODY_SHA), tmp_path, forced, stream=quiet)
    assert result.status == "downloaded"
    assert Handler.hits == {"/sample.csv": 3}


# ---------------------------------------------------------------------------------------------- command line


def test_main_tries_everything_reports_and_exits_nonzero(base, tmp_path):
    registry = write_registry(
        tmp_path / "registry",
        {
            "a_broken": [(f"{base}/missing.csv", "fetchtest/missing.csv", None)],
            "b_good": [
                (f"{base}/sample.csv", "fetchtest/sample.csv", BODY_SHA),
                (f"{base}/other.csv", "fetchtest/other.csv", None),
            ],
        },
    )
    out = tmp_path / "raw"
    (out / "fetchtest").mkdir(parents=True)
    (out / "fetchtest/other.csv").write_bytes(b"already here\n")
    stream = io.StringIO()
    code = fetch.main(["--out", str(out), "--registry", str(registry), "--base-delay", "0"], stream=stream)
    text = stream.getvalue()
    assert code == 1
    assert (out / "fetchtest/sample.csv").read_bytes() == BODY  # tried after the failure
    assert (out / "fetchtest/other.csv").read_bytes() == b"already here\n"
    assert "downloaded 1, skipped 1, failed 1 (of 3 files)" in text
    assert "[1/3] fetchtest/missing.csv" in text
    assert "failed: fetchtest/missing.csv" in text and "HTTP 404" in text
    assert Handler.hits == {"/missing.csv": 1, "/sample.csv": 1}
    # second run: everything valid is skipped, the broken one still fails
    stream = io.StringIO()
    assert fetch.main(["--out", str(out), "--registry", str(registry)], stream=stream) == 1
    assert "downloaded 0, skipped 2, failed 1" in stream.getvalue()


def test_dataset_filter_dry_run_and_unknown_ids(base, tmp_path, capsys):
    registry = write_registry(
        tmp_path / "registry",
        {
            "one": [(f"{base}/sample.csv", "fetchtest/one.csv", None)],
            "two": [(f"{base}/other.csv", "fetchtest/two.csv", None)],
        },
    )
    out = tmp_path / "raw"
    stream = io.StringIO()
    assert fetch.main(["--out", str(out), "--registry", str(registry), "--dry-run"], stream=stream) == 0
    assert "get   one" in stream.getvalue() and "2 files from 2 datasets" in stream.getvalue()
    assert Handler.hits == {} and not out.exists()

    stream = io.StringIO()
    assert fetch.main(["--out", str(out), "--registry", str(registry), "--dataset", "two"], stream=stream) == 0
    assert (out / "fetchtest/two.csv").exists() and not (out / "fetchtest/one.csv").exists()
    assert Handler.hits == {"/other.csv": 1}

    assert fetch.main(["--out", str(out), "--registry", str(registry), "--dataset", "nope"]) == 2
    assert "unknown dataset id(s): nope" in capsys.readouterr().err


def test_same_file_from_two_urls_is_a_registry_error(tmp_path):
    registry = write_registry(
        tmp_path / "registry",
        {
            "one": [("http://127.0.0.1:9/a.csv", "fetchtest/same.csv", None)],
            "two": [("http://127.0.0.1:9/b.csv", "fetchtest/same.csv", None)],
        },
    )
    with pytest.raises(RegistryError, match="fetchtest/same.csv"):
        fetch.jobs_from_registry(load_registry(registry))


def test_progress_bar_only_for_big_bodies_on_a_terminal(base, tmp_path):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    result = fetch.fetch_one(job(f"{base}/big.bin", file="big/big.bin"), tmp_path, FAST, stream=tty)
    assert result.status == "downloaded" and result.bytes == 3 * 1024 * 1024
    assert "100.0%" in tty.getvalue() and "#" * 30 in tty.getvalue()

    plain = io.StringIO()  # not a terminal (make output piped to a log): no bar
    fetch.fetch_one(job(f"{base}/big.bin", file="big/big2.bin"), tmp_path, FAST, stream=plain)
    assert "%" not in plain.getvalue()

    tty = Tty()  # small file on a terminal: no bar either
    fetch.fetch_one(job(f"{base}/sample.csv"), tmp_path, FAST, stream=tty)
    assert "%" not in tty.getvalue()


# ---------------------------------------------------------------------------------------------- real registry


def test_real_registry_downloads_land_where_the_loader_looks():
    """Every download of the project registry is fetchable (http(s), unique file) and its file matches
    one of the dataset's table globs, so `make fetch` output is found by `index-load`."""
    datasets = load_registry()
    jobs = fetch.jobs_from_registry(datasets)
    by_id = {d.id: d for d in datasets}
    assert jobs, "the registry lists no download URL"
    for j in jobs:
        patterns = [p for t in by_id[j.dataset_id].tables for p in t.paths]
        assert any(fnmatch.fnmatch(j.file, p) for p in patterns), (j.dataset_id, j.file, patterns)
