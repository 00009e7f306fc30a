"""The lines `make run` ends with and the report starts with (council_index.summary): per edition what
was published, and why an edition ranks no one or fewer councils than the previous build (which
lens, which dataset)."""

import duckdb

from council_index.summary import Snapshot, keep_previous, lines, read_previous, sidecar, summary_lines

LENSES = ["all_age_disability", "childrens_social_care", "health_social_care_interface"]


def snapshot(edition, ranked, lens_counts, dataset_counts, lenses_scored=None):
    return Snapshot(
        editions=[
            [edition, ranked, lenses_scored or sum(1 for n in lens_counts.values() if n), "RA budget", "2018-19"]
        ],
        lenses=[[edition, lens, n, 8, 8 if n else 0] for lens, n in lens_counts.items()],
        datasets=[[edition, lens, d, n] for (lens, d), n in dataset_counts.items()],
    )


def test_each_edition_gets_a_line_and_a_why_when_it_ranks_no_one():
    current = snapshot(
        2017,
        0,
        {"older_people": 0, "waste": 150},
        {("older_people", "nhsd_ascof"): 0, ("older_people", "oflog_asc"): 0, ("waste", "defra_lacw"): 150},
    )
    assert lines(current) == [
        "edition 2017: 0 councils ranked overall, 1 of 6 lenses scored, spend from RA budget 2018-19",
        "  why: edition 2017 ranks no council overall: older people is scored for no council (0 of 8 indicators "
        "have data for the edition's period; nothing from nhsd_ascof, oflog_asc)",
    ]


def test_fewer_councils_than_the_previous_build_names_the_lens_and_the_dataset():
    before = snapshot(
        2019,
        149,
        {"older_people": 150, "waste": 150},
        {("older_people", "nhsd_ascof"): 150, ("waste", "defra_lacw"): 150},
    )
    after = snapshot(
        2019, 76, {"older_people": 77, "waste": 150}, {("older_people", "nhsd_ascof"): 77, ("waste", "defra_lacw"): 150}
    )
    assert lines(after, before)[1] == (
        "  why: edition 2019 ranks 76 councils, 149 before: older people scores 77 councils, 150 before "
        "(fewer with data from nhsd_ascof 77 councils, 150 before)"
    )
    assert len(lines(before, before)) == 1, "no why line when nothing was lost"
    assert len(lines(after)) == 1, "no why line without a previous build to compare with"


def test_a_shortfall_no_lens_explains_says_so():
    before = snapshot(2019, 149, {"waste": 150}, {("waste", "defra_lacw"): 150})
    after = snapshot(2019, 148, {"waste": 150}, {("waste", "defra_lacw"): 150})
    assert lines(after, before)[1].endswith(
        "fewer councils have enough ranked lenses (no lens or dataset lost councils)"
    )


def test_the_report_reads_the_same_lines_from_the_warehouse_and_the_kept_previous_build(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_overall_productivity as select 2019 as edition, 'E06000001' as authority_code, "
        "true as is_ranked_overall"
    )
    con.execute(
        "create table marts.fct_lens_productivity as select 2019 as edition, 'E06000001' as authority_code, "
        "'waste' as lens_id, 1 as lens_rank, 6 as indicators_in_lens, 6 as indicators_used, "
        "'RA budget' as spend_source, '2019-20' as spend_year"
    )
    con.execute(
        "create table marts.fct_indicator_coverage as select 2019 as edition, 'waste' as lens_id, "
        "'defra_lacw' as source_dataset_id, 1 as councils_with_value"
    )
    con.close()
    assert summary_lines(db) == [
        "edition 2019: 1 councils ranked overall, 1 of 6 lenses scored, spend from RA budget 2019-20"
    ]
    keep_previous(db, snapshot(2019, 2, {"waste": 2}, {("waste", "defra_lacw"): 2}))
    assert read_previous(db).editions[0][1] == 2
    assert summary_lines(db)[1] == (
        "  why: edition 2019 ranks 1 councils, 2 before: waste scores 1 councils, 2 before "
        "(fewer with data from defra_lacw 1 councils, 2 before)"
    )
    keep_previous(db, None)
    assert not sidecar(db).exists()
    assert summary_lines(tmp_path / "none.duckdb") == []
