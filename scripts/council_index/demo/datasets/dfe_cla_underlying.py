"""Demo of the DfE children looked after underlying data (folder ``dfe_cla_underlying``).

Wide SFR CSVs for 2016 (SFR41, no ``LA_order`` column) and 2017 (SFR50, ``LA_order`` first, one
authority with a blank ``geog_l`` like the Isles of Scilly), the tidy EES files for 2018-2020 and
the 2025 release of the EES files in ``release_2025/`` (2021-2025; the missing file 2020-2024, its
2019-20 a revision of the older file's), in the published layouts and quirks: national, regional
(Inner/Outer London share the London code in the SFR files) and local-authority rows; counts
under 6 suppressed with ``x``; EES local rows carry the England country code; the older CLA rate
file's measure sits under the header ``population_count`` and the population under
``population_estimate``; the 2025 release renames columns (``children_count``, ``breakdown`` ...),
swaps the outcomes file's category columns and rewords labels; EES files start with a byte-order
mark where the published ones do. Numbers are calibrated on the real 2016-2019 files (England: CLA rate about 62
per 10,000, 3+ placements 10%, care leavers 19-21 in EET 50% and in suitable accommodation 84%,
SDQ concern 38%, missing 10% of children looked after during the year).
"""

from __future__ import annotations

from pathlib import Path

from ..universe import Universe
from ..writers import write_csv

SFR_YEARS = (2016, 2017)
EES_YEARS = (2018, 2019, 2020)
LATER_YEARS = (2021, 2022, 2023, 2024, 2025)  # the 2025 release (release_2025/)
MISSING_LATER_YEARS = (2020, 2021, 2022, 2023, 2024)  # its missing-from-care file
REVISED_KEY = "2020 revised"  # counts key of the 2025 release's figures for 2019-20
REGION_LETTERS = "ABDEFGHJK"
INNER_SHARE = 0.4  # share of the London boroughs put in Inner London


def _suppress(value: int) -> int | str:
    return "x" if 0 < value < 6 else value


def _year_counts(under_18: int, rate: float, base: dict, year: int, rng) -> dict:
    """The counts of one authority and year ending 31 March (the draws of every year, in order)."""
    drift = 1 + 0.025 * (year - 2016) + rng.uniform(-0.04, 0.04)
    cla = int(round(under_18 * rate * drift / 10_000))
    during = int(round(cla * rng.uniform(1.3, 1.5)))
    leavers = int(round(cla * rng.uniform(0.35, 0.55)))
    eet = int(round(leavers * min(base["eet"] + rng.uniform(-0.05, 0.05), 0.95)))
    he = int(round(eet * rng.uniform(0.08, 0.16)))
    te = int(round(eet * rng.uniform(0.40, 0.55)))
    scored = int(round(cla * rng.uniform(0.45, 0.60)))
    concern = int(round(scored * min(base["sdq"] + rng.uniform(-0.05, 0.05), 0.9)))
    borderline = int(round((scored - concern) * rng.uniform(0.15, 0.25)))
    return {
        "under_18": under_18,
        "cla": cla,
        "during": during,
        "started": int(round(cla * rng.uniform(0.38, 0.50))),
        "ceased": int(round(cla * rng.uniform(0.36, 0.48))),
        "three_plus": int(round(cla * min(base["placements"] + rng.uniform(-0.02, 0.02), 0.4))),
        "long_cohort": int(round(cla * 0.3)),
        "long_stable": int(round(cla * 0.3 * rng.uniform(0.6, 0.8))),
        "missing": int(round(during * min(base["missing"] + rng.uniform(-0.02, 0.02), 0.4))),
        "away": int(round(during * rng.uniform(0.02, 0.06))),
        "leavers": leavers,
        "eet_total": eet,
        "he": he,
        "oe": eet - he - te,
        "te": te,
        "neet": int(round((leavers - eet) * 0.85)),
        "suitable": int(round(leavers * min(base["suit"] + rng.uniform(-0.03, 0.03), 0.99))),
        "months12": int(round(cla * rng.uniform(0.64, 0.72))),
        "scored": scored,
        "normal": scored - concern - borderline,
        "borderline": borderline,
        "concern": concern,
        "sdq_average": round(rng.uniform(12.5, 16.5), 1),
    }


def _counts(universe: Universe, rng, profiles: dict | None = None) -> dict[tuple[str, int], dict[str, int]]:
    """Per authority and year ending 31 March (2016-2020): the counts every file needs. Each
    authority's population, rate and base shares go to ``profiles`` (for the later release)."""
    counts = {}
    for a in universe.upper_tier:
        under_18 = max(int(a.population * rng.uniform(0.19, 0.24)), 400)
        rate = rng.uniform(25, 110) if a.is_ranked else rng.uniform(0, 20)
        base = {
            "placements": rng.uniform(0.05, 0.15),
            "eet": rng.uniform(0.35, 0.65),
            "suit": rng.uniform(0.72, 0.95),
            "sdq": rng.uniform(0.25, 0.50),
            "missing": rng.uniform(0.03, 0.16),
        }
        if profiles is not None:
            profiles[a.code] = (under_18, rate, base)
        for year in range(2016, 2021):
            counts[(a.code, year)] = _year_counts(under_18, rate, base, year, rng)
    return counts


def _later_counts(universe: Universe, profiles: dict, counts: dict, rng) -> None:
    """Years 2021-2025 of the 2025 release, added to ``counts``, and the release's revision of
    2019-20 (the missing-from-care file starts there): about one authority in four has a few more
    children missing than the older release said, so the staging models' choice of the later
    release is visible. Drawn after every draw of the older files, which stay byte-identical."""
    for a in universe.upper_tier:
        under_18, rate, base = profiles[a.code]
        for year in LATER_YEARS:
            counts[(a.code, year)] = _year_counts(under_18, rate, base, year, rng)
        revised = dict(counts[(a.code, 2020)])
        if rng.random() < 0.25:
            revised["missing"] += rng.randint(1, 3)
        counts[(a.code, REVISED_KEY)] = revised


def _areas(universe: Universe):
    """(level, GSS code, DfE code, name, members) for England, regions and authorities."""
    london = [a for a in universe.upper_tier if a.region_code == "E12000007"]
    inner = london[: int(len(london) * INNER_SHARE)]
    yield "national", "E92000001", "999", "ENGLAND", universe.upper_tier
    for letter, (code, name, upper) in zip(REGION_LETTERS, universe.regions):
        members = [a for a in universe.upper_tier if a.region_code == code]
        yield "regional", code, letter, upper, members
        if code == "E12000007":
            yield "regional", code, "I", "INNER LONDON", inner
            inner_codes = {a.code for a in inner}  # a set: `not in inner` is quadratic in boroughs
            yield "regional", code, "O", "OUTER LONDON", [a for a in london if a.code not in inner_codes]
    for a in universe.upper_tier:
        yield "local authority", a.code, a.dfe_code, a.name, [a]


def _total(counts, members, year, key):
    if len(members) == 1:  # an authority's own row (most calls): no generator
        return counts[(members[0].code, year)][key]
    return sum(counts[(a.code, year)][key] for a in members)


def _sfr(
    universe,
    counts,
    out_dir: Path,
    name: str,
    year: int,
    columns: list[tuple[str, object]],
    la_order: bool,
    blank_level_for=None,
) -> None:
    """One wide SFR file: columns are (header, key or callable(members) -> value)."""
    header = (["LA_order"] if la_order else []) + ["New_geog_code", "geog_l", "geog_c", "geog_n"]
    rows = [header + [h for h, _ in columns]]
    for order, (level, code, dfe, label, members) in enumerate(_areas(universe), start=1):
        geog_l = {"national": "NATIONAL", "regional": "REGION"}.get(level, "LA")
        if level == "local authority" and members[0] is blank_level_for:
            geog_l = None
        line = ([order] if la_order else []) + [code, geog_l, dfe, label]
        for _, key in columns:
            value = key(members) if callable(key) else _total(counts, members, year, key)
            line.append(_suppress(value) if level == "local authority" and isinstance(value, int) else value)
        rows.append(line)
    write_csv(out_dir / "dfe_cla_underlying" / name, rows)


def _ees_prefix(year, level, code, dfe, label, universe):
    regions = {c: n for c, n, _ in universe.regions}
    if level == "national":
        return [year, "Reporting year", "National", "E92000001", "England", None, None, None, None, None]
    if level == "regional":
        return [year, "Reporting year", "Regional", "E92000001", "England", code, regions[code], None, None, None]
    a = label
    return [
        year,
        "Reporting year",
        "Local authority",
        "E92000001",
        "England",
        a.region_code,
        regions[a.region_code],
        dfe,
        a.name,
        a.code,
    ]


def _ees(
    universe,
    counts,
    out_dir: Path,
    name: str,
    extra_header: list[str],
    items,
    encoding="utf-8",
    years=EES_YEARS,
    folder="dfe_cla_underlying",
):
    """One EES file: items(year, members, is_la) yields the category cells and measure values."""
    header = [
        "time_period",
        "time_identifier",
        "geographic_level",
        "country_code",
        "country_name",
        "region_code",
        "region_name",
        "old_la_code",
        "la_name",
        "new_la_code",
        *extra_header,
    ]
    rows = [header]
    areas = list(_areas(universe))  # once per file, not once per year
    for year in years:
        for level, code, dfe, label, members in areas:
            if label in ("INNER LONDON", "OUTER LONDON"):
                continue
            prefix = _ees_prefix(year, level, code, dfe, members[0] if level == "local authority" else label, universe)
            for cells in items(year, members, level == "local authority"):
                rows.append(prefix + cells)
    write_csv(out_dir / folder / name, rows, encoding=encoding)


def _pct(part, whole):
    return round(100 * part / whole) if whole else "z"


def write(universe: Universe, out_dir: Path, rng) -> None:
    profiles: dict = {}
    counts = _counts(universe, rng, profiles)
    island = [a for a in universe.upper_tier if not a.is_ranked][-1]

    _sfr(
        universe,
        counts,
        out_dir,
        "SFR41_CLA2016.csv",
        2016,
        [
            ("CLA_Mar2016", "cla"),
            ("CLA_2016", "during"),
            ("CLA_stp2016", "started"),
            ("CLA_male", lambda m: int(_total(counts, m, 2016, "cla") * 0.56)),
        ],
        la_order=False,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR50_CLA2017.csv",
        2017,
        [
            ("CLA_Mar2017", "cla"),
            ("CLA_2017", "during"),
            ("CLA_stp2017", "started"),
            ("CLA_male", lambda m: int(_total(counts, m, 2017, "cla") * 0.56)),
        ],
        la_order=True,
        blank_level_for=island,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR41_Missing2016.csv",
        2016,
        [
            ("CLA_MissDuringYear", "missing"),
            ("CLA_MissIncs", lambda m: 5 * _total(counts, m, 2016, "missing")),
            ("CLA_MissMoreOnce", lambda m: _total(counts, m, 2016, "missing") // 2),
            ("CLA_AwayDuringYear", "away"),
        ],
        la_order=False,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR50_Missing_2017.csv",
        2017,
        [
            ("Miss_Miss_DuringYear", "missing"),
            ("Miss_Miss_Incs", lambda m: 5 * _total(counts, m, 2017, "missing")),
            ("Miss_Miss_MoreOnce", lambda m: _total(counts, m, 2017, "missing") // 2),
            ("Miss_Away_DuringYear", "away"),
        ],
        la_order=True,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR41_CareLeavers2016.csv",
        2016,
        [
            ("All_aged1920&21", "leavers"),
            ("Act_HE1920&21", "he"),
            ("Act_OE1920&21", "oe"),
            ("Act_TE1920&21", "te"),
            ("Act_NEET_oth1920&21", "neet"),
            ("Acc_SUIT1920&21", "suitable"),
            ("All_aged17&18", lambda m: int(_total(counts, m, 2016, "leavers") * 0.8)),
        ],
        la_order=False,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR50_CareLeavers19to212017.csv",
        2017,
        [
            ("CL_All_19to21", "leavers"),
            ("CL_Act_HE19to21", "he"),
            ("CL_Act_OE19to21", "oe"),
            ("CL_Act_TE19to21", "te"),
            ("CL_Act_NEET_oth19to21", "neet"),
            ("CL_Acc_SUIT19to21", "suitable"),
        ],
        la_order=True,
        blank_level_for=None,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR50_CareLeavers17182017.csv",
        2017,
        [
            (f"CL_{h}17&18", (lambda k: lambda m: int(_total(counts, m, 2017, k) * 0.8))(k))
            for h, k in [
                ("All_", "leavers"),
                ("Act_HE", "he"),
                ("Act_OE", "oe"),
                ("Act_TE", "te"),
                ("Acc_SUIT", "suitable"),
            ]
        ],
        la_order=True,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR41_OC22016.csv",
        2016,
        [
            ("CLA_12mths", "months12"),
            ("CLA_SDQ", "scored"),
            ("CLA_SDQnormal", "normal"),
            ("CLA_SDQborderline", "borderline"),
            ("CLA_SDQconcern", "concern"),
        ],
        la_order=False,
    )
    _sfr(
        universe,
        counts,
        out_dir,
        "SFR50_OC22017.csv",
        2017,
        [
            ("OC2_12mths", "months12"),
            ("OC2_SDQ", "scored"),
            ("OC2_SDQnormal", "normal"),
            ("OC2_SDQborderline", "borderline"),
            ("OC2_SDQconcern", "concern"),
            ("OC2_SDQaverage", lambda m: round(sum(counts[(a.code, 2017)]["sdq_average"] for a in m) / len(m), 1)),
        ],
        la_order=True,
    )

    def cells(year, members, is_la, rows):
        for parts, key, whole in rows:
            n = _total(counts, members, year, key)
            d = _total(counts, members, year, whole)
            number = _suppress(n) if is_la else n
            yield [*parts, number, "x" if number == "x" else _pct(n, d)]

    _ees(
        universe,
        counts,
        out_dir,
        "la_cla_at_31_march_placement_stability_indicator.csv",
        ["cla_group", "characteristic", "number", "percentage"],
        lambda y, m, la: cells(
            y,
            m,
            la,
            [
                (["Children looked after at 31 March", "Total children"], "cla", "cla"),
                (
                    ["Children looked after at 31 March", "With 3 or more placements during the year"],
                    "three_plus",
                    "cla",
                ),
                (
                    [
                        "Children looked after continuously for at least 2.5 years at 31 March aged under 16 years",
                        "Total children",
                    ],
                    "long_cohort",
                    "long_cohort",
                ),
            ],
        ),
        encoding="utf-8-sig",
    )
    _ees(
        universe,
        counts,
        out_dir,
        "la_care_leavers_activity.csv",
        ["age", "activity", "number", "percentage"],
        lambda y, m, la: cells(
            y,
            m,
            la,
            [
                (["Aged 19 to 21", "Total"], "leavers", "leavers"),
                (["Aged 19 to 21", "Higher education i.e. studies beyond A level"], "he", "leavers"),
                (["Aged 19 to 21", "Total in education, employment or training"], "eet_total", "leavers"),
                (["Aged 19 to 21", "Total not in education, employment or training"], "neet", "leavers"),
            ],
        ),
    )
    _ees(
        universe,
        counts,
        out_dir,
        "la_care_leavers_accommodation_suitability.csv",
        ["age", "accommodation_suitability", "number", "percentage"],
        lambda y, m, la: cells(
            y,
            m,
            la,
            [
                (["19 to 21 years", "Total"], "leavers", "leavers"),
                (["19 to 21 years", "Accommodation considered suitable"], "suitable", "leavers"),
            ],
        ),
    )
    _ees(
        universe,
        counts,
        out_dir,
        "la_conviction_health_outcome_cla.csv",
        ["cla_group", "characteristic", "number", "percentage"],
        lambda y, m, la: [
            *cells(
                y,
                m,
                la,
                [
                    (["Ages 5 to 16 years with SDQ score", "SDQ score was received"], "scored", "scored"),
                    (["Ages 5 to 16 years with SDQ score", "SDQ score is normal"], "normal", "scored"),
                    (["Ages 5 to 16 years with SDQ score", "SDQ score is borderline"], "borderline", "scored"),
                    (["Ages 5 to 16 years with SDQ score", "SDQ score is a cause for concern"], "concern", "scored"),
                ],
            ),
            [
                "Ages 5 to 16 years with SDQ score",
                "SDQ average score",
                round(sum(counts[(a.code, y)]["sdq_average"] for a in m) / len(m), 1),
                "z",
            ],
        ],
    )

    def missing(year, members, is_la):
        n = _total(counts, members, year, "missing")
        d = _total(counts, members, year, "during")
        for label, value in [
            ("Children looked after during the year", d),
            ("Children who had a missing incident during the year", n),
            ("Number of missing incidents during the year", 5 * n),
            ("Percentage of children who had a missing incident during the year", _pct(n, d)),
        ]:
            yield [label, _suppress(value) if is_la and isinstance(value, int) else value]

    _ees(
        universe,
        counts,
        out_dir,
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        ["cla_group", "number"],
        missing,
        encoding="utf-8-sig",
    )

    def rate(year, members, is_la):
        population = _total(counts, members, year, "under_18")
        for label, key in [
            ("Children looked after at 31 March each year", "cla"),
            ("Children starting to be looked after each year", "started"),
            ("Children ceasing to be looked after each year", "ceased"),
        ]:
            n = _total(counts, members, year, key)
            yield [label, population, _suppress(n) if is_la else n, round(10_000 * n / population)]

    _ees(
        universe,
        counts,
        out_dir,
        "cla_number_and_rate_per_10k_children.csv",
        ["population_count", "population_estimate", "number", "rate_per_10000"],
        rate,
        encoding="utf-8-sig",
    )

    _later_counts(universe, profiles, counts, rng)
    _write_release_2025(universe, counts, out_dir)


def _write_release_2025(universe: Universe, counts: dict, out_dir: Path) -> None:
    """The 2025 release in release_2025/: the same file names (placement stability renamed
    la_cla_placement_stability.csv), the renamed columns (children_count, care_leaver_age,
    breakdown ...), the swapped category columns of the outcomes file, the 2025 wording of the
    labels ('CLA on 31 March', '19 to 21 years', 'Suitability total' ...), years 2021-2025 and
    2020-2024 for the missing file, whose 2019-20 figures are a revision of the older file's."""
    later = dict(counts)
    for a in universe.upper_tier:
        later[(a.code, 2020)] = counts[(a.code, REVISED_KEY)]

    def cells(year, members, is_la, rows):
        for parts, key, whole in rows:
            n = _total(later, members, year, key)
            d = _total(later, members, year, whole)
            number = _suppress(n) if is_la else n
            yield [*parts, number, "x" if number == "x" else _pct(n, d)]

    def ees(name, header, items, years=LATER_YEARS, encoding="utf-8"):
        _ees(
            universe,
            later,
            out_dir,
            name,
            header,
            items,
            encoding=encoding,
            years=years,
            folder="dfe_cla_underlying/release_2025",
        )

    ees(
        "la_cla_placement_stability.csv",
        ["cla_group", "placement_stability", "children_count", "children_percent"],
        lambda y, m, la: cells(
            y,
            m,
            la,
            [
                (["CLA on 31 March", "Total children"], "cla", "cla"),
                (["CLA on 31 March", "With 3 or more placements during the year"], "three_plus", "cla"),
                (
                    [
                        "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
                        "Total children",
                    ],
                    "long_cohort",
                    "long_cohort",
                ),
                (
                    [
                        "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
                        "Living with the same carer for at least 2 years",
                    ],
                    "long_stable",
                    "long_cohort",
                ),
            ],
        ),
        encoding="utf-8-sig",
    )
    ees(
        "la_care_leavers_activity.csv",
        ["care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"],
        lambda y, m, la: cells(
            y,
            m,
            la,
            [
                (["19 to 21 years", "Total"], "leavers", "leavers"),
                (["19 to 21 years", "Higher education i.e. studies beyond A level"], "he", "leavers"),
                (["19 to 21 years", "Total in education, employment or training"], "eet_total", "leavers"),
                (["19 to 21 years", "Total not in education, employment or training"], "neet", "leavers"),
            ],
        ),
        encoding="utf-8-sig",
    )
    ees(
        "la_care_leavers_accommodation_suitability.csv",
        ["care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"],
        lambda y, m, la: cells(
            y,
            m,
            la,
            [
                (["19 to 21 years", "Suitability total"], "leavers", "leavers"),
                (["19 to 21 years", "Accommodation considered suitable"], "suitable", "leavers"),
            ],
        ),
    )
    ees(
        "la_conviction_health_outcome_cla.csv",
        ["characteristic", "breakdown", "children_count", "children_percent"],
        lambda y, m, la: [
            *cells(
                y,
                m,
                la,
                [
                    (["Ages 5 to 16 years with SDQ score", "SDQ score was received"], "scored", "scored"),
                    (["Ages 5 to 16 years with SDQ score", "SDQ score is normal"], "normal", "scored"),
                    (["Ages 5 to 16 years with SDQ score", "SDQ score is borderline"], "borderline", "scored"),
                    (["Ages 5 to 16 years with SDQ score", "SDQ score is a cause for concern"], "concern", "scored"),
                ],
            ),
            [
                "Ages 5 to 16 years with SDQ score",
                "SDQ average score",
                round(sum(later[(a.code, y)]["sdq_average"] for a in m) / len(m), 1),
                "z",
            ],
        ],
    )

    def missing(year, members, is_la):
        n = _total(later, members, year, "missing")
        d = _total(later, members, year, "during")
        for label, value in [
            ("Children looked after during the year", d),
            ("Children who had a missing incident during the year", n),
            ("Number of missing incidents during the year", 5 * n),
            ("Percentage of children who had a missing incident during the year", _pct(n, d)),
        ]:
            yield [label, _suppress(value) if is_la and isinstance(value, int) else value]

    # The published header is CLA_group (upper case), which lands as cla_group.
    ees(
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        ["CLA_group", "number"],
        missing,
        years=MISSING_LATER_YEARS,
        encoding="utf-8-sig",
    )

    def rate(year, members, is_la):
        population = _total(later, members, year, "under_18")
        for label, key in [
            ("Children looked after on 31 March each year", "cla"),
            ("Children starting to be looked after each year", "started"),
            ("Children ceasing to be looked after each year", "ceased"),
        ]:
            n = _total(later, members, year, key)
            yield [label, population, _suppress(n) if is_la else n, round(10_000 * n / population)]

    ees(
        "cla_number_and_rate_per_10k_children.csv",
        ["population_type", "population_estimate", "children_count", "rate_per_10000"],
        rate,
        encoding="utf-8-sig",
    )
