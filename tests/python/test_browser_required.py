"""CI's browser requirement: with INDEX_REQUIRE_BROWSER=1 a run without Chromium fails at its start
(conftest.pytest_sessionstart) instead of skipping the report and docs-site checks, and .ci/run
sets it and stops when Chromium cannot be installed."""

from pathlib import Path

import browser
import conftest
import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_no_chromium_fails_the_run_when_ci_requires_the_browser(monkeypatch):
    monkeypatch.setattr(browser, "chromium", lambda: None)
    monkeypatch.setenv("INDEX_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.UsageError, match="no Chromium was found"):
        conftest.pytest_sessionstart(None)
    monkeypatch.delenv("INDEX_REQUIRE_BROWSER")
    conftest.pytest_sessionstart(None)  # a developer's run without Chromium skips the browser tests


def test_ci_requires_the_browser_and_stops_when_chromium_cannot_be_installed():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export INDEX_REQUIRE_BROWSER=1" in script
    assert "skipped" not in script
    install = script[script.index("apt-get install -y -qq chromium") :]
    assert install.index("exit 1") < install.index("make test")
