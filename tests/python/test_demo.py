"""The demo dataset: deterministic, fictional, and a file for every registry table."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from demo.generate import DEMO_MARKER, write_demo
from demo.universe import build_universe
from pipeline.loader import find_files
from pipeline.registry import load_registry


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo") / "raw")


def digest(directory: Path) -> dict[str, str]:
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*")) if p.is_file()
    }


def test_every_registry_table_has_a_demo_file(demo_dir):
    missing = [t.raw_table for d in load_registry() for t in d.tables if not find_files(demo_dir, t)]
    assert missing == []


def test_demo_is_labelled(demo_dir):
    assert "Synthetic demo data" in (demo_dir / DEMO_MARKER).read_text()


def test_universe_mirrors_the_real_upper_tier():
    universe = build_universe()
    kinds = [a.kind for a in universe.upper_tier]
    assert len(kinds) == 152
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "county": 27, "unitary": 56, "metropolitan district": 36, "london borough": 33}
    assert sum(a.is_ranked for a in universe.upper_tier) == 150
    assert all(a.county_code for a in universe.districts)
    assert all(a.districts for a in universe.upper_tier if a.kind == "county")


def test_demo_codes_cannot_be_mistaken_for_real_ones():
    universe = build_universe()
    for authority in [*universe.upper_tier, *universe.districts]:
        assert authority.code[3] == "9", authority.code  # real GSS codes are E0x0nnnnn / E100nnnnn
        assert authority.ecode.startswith("E9")
        assert authority.dfe_code is None or int(authority.dfe_code) < 200  # real DfE numbers start at 201


def test_demo_names_are_not_real_authority_names(shared_data):
    with (shared_data / "la_lookup" / "uk_local_authorities_current.csv").open(encoding="utf-8") as handle:
        real = {row["nice-name"].casefold() for row in csv.DictReader(handle)}
    universe = build_universe()
    clashes = [a.name for a in [*universe.upper_tier, *universe.districts] if a.name.casefold() in real]
    assert clashes == []


def test_demo_generation_is_deterministic(demo_dir, tmp_path):
    again = write_demo(tmp_path / "again")
    first, second = digest(demo_dir), digest(again)
    # xlsx/ods containers embed their creation time; compare their cell content instead.
    binary = [name for name in first if name.endswith((".xlsx", ".ods"))]
    for name in binary:
        first.pop(name), second.pop(name)
    assert first == second
    from python_calamine import CalamineWorkbook
    for name in binary:
        a, b = CalamineWorkbook.from_path(str(demo_dir / name)), CalamineWorkbook.from_path(str(again / name))
        assert a.sheet_names == b.sheet_names
        for sheet in a.sheet_names:
            assert a.get_sheet_by_name(sheet).to_python() == b.get_sheet_by_name(sheet).to_python(), (name, sheet)


def test_write_demo_refuses_to_overwrite_a_real_folder(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "precious.csv").write_text("keep")
    with pytest.raises(SystemExit, match="not a demo folder"):
        write_demo(real)
    assert (real / "precious.csv").read_text() == "keep"
