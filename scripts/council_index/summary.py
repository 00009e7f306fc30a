"""What a build published, per edition, in a few lines: councils ranked overall, lenses scored, the
spend source and year; and where an edition ranks no council, or fewer than the previous build did,
a line saying why (which lens, which dataset). ``index-build`` prints them at the end of a build and
the report shows them at its head (``report/page.py`` calls :func:`summary_lines`).

The previous build is the warehouse as it was before the build replaced it: ``index-build`` reads
its :class:`Snapshot` before the swap and keeps it beside the warehouse
(``<warehouse stem>_build_summary.json``), so a report written later says the same as the build did.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

EDITIONS_SQL = """
    with overall as (
        select edition, count(*) filter (where is_ranked_overall) as ranked_overall
        from marts.fct_overall_productivity group by edition
    ),
    lenses as (
        select edition, lens_id, count(lens_rank) as ranked from marts.fct_lens_productivity group by edition, lens_id
    ),
    spend as (
        select edition, spend_source, spend_year, count(*) as n,
               row_number() over (partition by edition order by count(*) desc, spend_year desc) as pick
        from marts.fct_lens_productivity where spend_source is not null
        group by edition, spend_source, spend_year
    )
    select lenses.edition, coalesce(max(overall.ranked_overall), 0) as ranked_overall,
           count(*) filter (where lenses.ranked > 0) as lenses_scored,
           max(spend.spend_source) as spend_source, max(spend.spend_year) as spend_year
    from lenses
    left join overall on lenses.edition = overall.edition
    left join spend on lenses.edition = spend.edition and spend.pick = 1
    group by lenses.edition order by lenses.edition
"""

LENSES_SQL = """
    select edition, lens_id, count(lens_rank) as ranked, max(indicators_in_lens) as indicators_in_lens,
           max(indicators_used) as most_indicators_used
    from marts.fct_lens_productivity group by edition, lens_id order by edition, lens_id
"""

# Per edition, lens and dataset: the most councils any of the dataset's indicators has a value for.
DATASETS_SQL = """
    select edition, lens_id, source_dataset_id, max(councils_with_value) as councils
    from marts.fct_indicator_coverage group by edition, lens_id, source_dataset_id
    order by edition, lens_id, source_dataset_id
"""

NEEDED = {"fct_overall_productivity", "fct_lens_productivity", "fct_indicator_coverage"}


@dataclass
class Snapshot:
    """What one warehouse published: ``editions`` rows (edition, ranked overall, lenses scored, spend
    source, spend year), ``lenses`` rows (edition, lens, councils ranked, indicators in the lens, most
    indicators used) and ``datasets`` rows (edition, lens, dataset, councils with a value)."""

    editions: list[list] = field(default_factory=list)
    lenses: list[list] = field(default_factory=list)
    datasets: list[list] = field(default_factory=list)


def read_snapshot(db_path: Path | str) -> Snapshot | None:
    """The snapshot of a DuckDB warehouse, or None when it does not exist or has no index marts."""
    import duckdb

    db_path = Path(db_path)
    if not db_path.exists():
        return None
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = {
            r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
        }
        if not NEEDED <= tables:
            return None
        return Snapshot(
            *([list(row) for row in con.execute(sql).fetchall()] for sql in (EDITIONS_SQL, LENSES_SQL, DATASETS_SQL))
        )
    finally:
        con.close()


def _lens(lens_id: str) -> str:
    return lens_id.replace("_", " ")


def why(edition, ranked: int, before: int | None, current: Snapshot, previous: Snapshot | None) -> str:
    """The reason an edition ranks no council, or fewer than ``before``: the lenses scored for no
    council or for fewer councils than before, and the datasets they lack or lost councils in."""
    lenses_now = {r[1]: r for r in current.lenses if r[0] == edition}
    lenses_then = {r[1]: r for r in (previous.lenses if previous else []) if r[0] == edition}
    data_now = {(r[1], r[2]): r[3] for r in current.datasets if r[0] == edition}
    data_then = {(r[1], r[2]): r[3] for r in (previous.datasets if previous else []) if r[0] == edition}
    reasons = []
    for lens_id, (_, _, scored, total, used) in sorted(lenses_now.items()):
        empty = sorted(d for (lens, d), n in data_now.items() if lens == lens_id and not n)
        if not scored:
            reasons.append(
                f"{_lens(lens_id)} is scored for no council ({used or 0} of {total} indicators have data for "
                f"the edition's period; nothing from {', '.join(empty) or 'its datasets'})"
            )
            continue
        then = lenses_then.get(lens_id)
        if then is None or scored >= then[2]:
            continue
        lost = [
            f"{d} {n or 0} councils, {data_then[(lens, d)]} before"
            for (lens, d), n in sorted(data_now.items())
            if lens == lens_id and (lens, d) in data_then and (n or 0) < data_then[(lens, d)]
        ]
        reasons.append(
            f"{_lens(lens_id)} scores {scored} councils, {then[2]} before"
            + (f" (fewer with data from {'; '.join(lost)})" if lost else "")
        )
    what = "ranks no council overall" if ranked == 0 else f"ranks {ranked} councils, {before} before"
    return f"edition {edition} {what}: " + (
        "; ".join(reasons) or "fewer councils have enough ranked lenses (no lens or dataset lost councils)"
    )


def lines(current: Snapshot, previous: Snapshot | None = None) -> list[str]:
    """One line per edition, and a 'why' line under an edition that ranks no council or fewer
    councils than the previous build."""
    before = {row[0]: row[1] for row in (previous.editions if previous else [])}
    out = []
    for edition, ranked, lenses_scored, source, year in current.editions:
        out.append(
            f"edition {edition}: {ranked} councils ranked overall, {lenses_scored} of 6 lenses scored, "
            f"spend from {source or 'no source'} {year or ''}".rstrip()
        )
        if ranked == 0 or (edition in before and ranked < before[edition]):
            out.append("  why: " + why(edition, ranked, before.get(edition), current, previous))
    return out


def sidecar(db_path: Path | str) -> Path:
    """Where ``index-build`` keeps the previous build's snapshot, beside the warehouse."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + "_build_summary.json")


def keep_previous(db_path: Path | str, previous: Snapshot | None) -> None:
    """Record the snapshot of the build a new one replaced (none: the file is removed)."""
    path = sidecar(db_path)
    if previous is None:
        path.unlink(missing_ok=True)
        return
    path.write_text(json.dumps({"previous_build": asdict(previous)}, default=str), encoding="utf-8")


def read_previous(db_path: Path | str) -> Snapshot | None:
    path = sidecar(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["previous_build"]
        return Snapshot(**data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def summary_lines(db_path: Path | str, previous: Snapshot | None = None) -> list[str]:
    """The summary lines of a warehouse against ``previous`` (default: the build it replaced, as
    ``index-build`` recorded it); none when the warehouse has no index marts."""
    current = read_snapshot(db_path)
    if current is None:
        return []
    return lines(current, previous if previous is not None else read_previous(db_path))
