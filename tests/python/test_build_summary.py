"""The lines `make run` ends with: per edition what was published, and why an edition ranks no one
(or fewer councils than the previous build)."""

from council_index.build import summary_lines


def test_each_edition_gets_a_line_and_a_why_when_it_ranks_no_one():
    current = [(2017, 0, 4, "RA budget", "2017-18"), (2018, 148, 6, "RA budget", "2018-19")]
    unscored = [(2017, "older_people", 0, 8, "nhsd_ascof")]
    lines = summary_lines(current, unscored, previous=[])
    assert lines == [
        "edition 2017: 0 councils ranked overall, 4 of 6 lenses scored, spend from RA budget 2017-18",
        "  why: edition 2017 ranks no council overall: older people is scored for no council (0 of 8 indicators "
        "have data for the edition's period; nothing from nhsd_ascof)",
        "edition 2018: 148 councils ranked overall, 6 of 6 lenses scored, spend from RA budget 2018-19",
    ]


def test_fewer_councils_than_the_previous_build_is_explained():
    lines = summary_lines([(2019, 120, 6, "RA budget", "2019-20")], [], previous=[(2019, 149)])
    assert lines[1] == "  why: edition 2019 ranks 120 councils, 149 before: fewer councils have enough ranked lenses"
    assert len(summary_lines([(2019, 149, 6, "RA budget", "2019-20")], [], previous=[(2019, 149)])) == 1
