"""No file in the raw folder is ignored silently: each one is read by a registry table or listed in
the registry as not read, with the reason. Walks the real folder (../shared/data) and the demo."""

from __future__ import annotations

import fnmatch

import pytest

from council_index.pipeline.loader import account_for_files, find_files
from council_index.pipeline.registry import load_not_read, load_registry


def unaccounted(raw_dir):
    return [e.file for e in account_for_files(raw_dir, load_registry(), load_not_read()) if e.status == "unregistered"]


def test_every_real_file_is_read_or_listed_as_not_read(shared_data):
    missing = unaccounted(shared_data)
    assert not missing, (
        f"{len(missing)} file(s) under {shared_data} are neither read by a registry table nor listed under "
        f"not_read (scripts/registry/*.yml): {missing[:20]}"
    )


def test_no_real_file_is_both_read_and_listed_as_not_read(shared_data):
    read = {
        p.relative_to(shared_data).as_posix()
        for d in load_registry()
        for t in d.tables
        for p in find_files(shared_data, t)
    }
    not_read = load_not_read()  # once: parsing the registry for every file took minutes
    both = sorted(f for f in read for n in not_read if fnmatch.fnmatchcase(f, n.path))
    assert not both, f"read by a table and listed as not read: {both}"


def test_every_not_read_entry_gives_a_reason():
    entries = load_not_read()
    assert entries, "the registry lists no file as not read"
    assert all(len(n.reason.split()) >= 3 for n in entries), [n.path for n in entries if len(n.reason.split()) < 3]


@pytest.mark.slow
def test_every_demo_file_is_read_or_listed_as_not_read():
    from demo_build import demo_raw  # the one demo folder of this run (make test: dbt-test's, only read)

    assert unaccounted(demo_raw()) == []
