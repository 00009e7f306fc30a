"""Shared pytest fixtures: the scripts folder on the path, the real data folder, temporary raw dirs."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = Path(os.environ.get("INDEX_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} not present")
    return SHARED_DATA


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds the demo warehouse (tens of seconds); still in the default run")
