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

from dataclasses import dataclass
from pathlib import Path

from .. import ees
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


def _sfr(universe, counts, out_dir: Path, name: str, year: int, columns, la_order: bool, blank_level_for=None) -> None:
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


def _sdq_average(counts, members, year) -> float:
    return round(sum(counts[(a.code, year)]["sdq_average"] for a in members) / len(members), 1)


def _sfr_files(counts, year: int) -> list[tuple[str, list]]:
    """(file name, columns) of the wide SFR files of one year: SFR41 (2016) or SFR50 (2017), whose
    headers differ (``CLA_MissIncs`` / ``Miss_Miss_Incs``, ``CLA_12mths`` / ``OC2_12mths`` ...)."""

    def scaled(key, factor):
        return lambda m: int(_total(counts, m, year, key) * factor)

    cla = [
        (f"CLA_Mar{year}", "cla"),
        (f"CLA_{year}", "during"),
        (f"CLA_stp{year}", "started"),
        ("CLA_male", scaled("cla", 0.56)),
    ]
    miss, away = ("CLA_Miss", "CLA_Away") if year == 2016 else ("Miss_Miss_", "Miss_Away_")
    missing = [
        (f"{miss}DuringYear", "missing"),
        (f"{miss}Incs", lambda m: 5 * _total(counts, m, year, "missing")),
        (f"{miss}MoreOnce", lambda m: _total(counts, m, year, "missing") // 2),
        (f"{away}DuringYear", "away"),
    ]
    oc2 = "CLA_" if year == 2016 else "OC2_"
    outcomes = [
        (f"{oc2}12mths", "months12"),
        (f"{oc2}SDQ", "scored"),
        (f"{oc2}SDQnormal", "normal"),
        (f"{oc2}SDQborderline", "borderline"),
        (f"{oc2}SDQconcern", "concern"),
    ]
    leaver_keys = ("leavers", "he", "oe", "te", "neet", "suitable")
    if year == 2016:  # one care leavers file: ages 19-21, then the 17-18 total
        stems = ("All_aged", "Act_HE", "Act_OE", "Act_TE", "Act_NEET_oth", "Acc_SUIT")
        leavers = [(f"{s}1920&21", k) for s, k in zip(stems, leaver_keys)]
        leavers.append(("All_aged17&18", scaled("leavers", 0.8)))
        return [
            ("SFR41_CLA2016.csv", cla),
            ("SFR41_Missing2016.csv", missing),
            ("SFR41_CareLeavers2016.csv", leavers),
            ("SFR41_OC22016.csv", outcomes),
        ]
    # 2017: a file for ages 19-21 and one for 17-18 (no NEET column), the SDQ average
    stems = ("All_", "Act_HE", "Act_OE", "Act_TE", "Act_NEET_oth", "Acc_SUIT")
    young = [(f"CL_{s}17&18", scaled(k, 0.8)) for s, k in zip(stems, leaver_keys) if k != "neet"]
    outcomes.append((f"{oc2}SDQaverage", lambda m: _sdq_average(counts, m, year)))
    return [
        ("SFR50_CLA2017.csv", cla),
        ("SFR50_Missing_2017.csv", missing),
        ("SFR50_CareLeavers19to212017.csv", [(f"CL_{s}19to21", k) for s, k in zip(stems, leaver_keys)]),
        ("SFR50_CareLeavers17182017.csv", young),
        ("SFR50_OC22017.csv", outcomes),
    ]


def _ees(universe, out_dir: Path, folder: str, name: str, extra_header: list[str], items, years, encoding="utf-8"):
    """One EES file: items(year, members, is_la) yields the category cells and measure values."""
    regions = {c: n for c, n, _ in universe.regions}
    rows = [ees.header(*extra_header, name_first=True)]
    areas = list(_areas(universe))  # once per file, not once per year
    for year in years:
        for level, code, _, label, members in areas:
            if label in ("INNER LONDON", "OUTER LONDON"):
                continue
            if level == "local authority":
                a = members[0]
                prefix = ees.area_cells(
                    year, "Local authority", a.region_code, regions[a.region_code], a, name_first=True
                )
            elif level == "regional":
                prefix = ees.area_cells(year, "Regional", code, regions[code])
            else:
                prefix = ees.area_cells(year, "National")
            for cells in items(year, members, level == "local authority"):
                rows.append(prefix + cells)
    write_csv(out_dir / folder / name, rows, encoding=encoding)


def _pct(part, whole):
    return round(100 * part / whole) if whole else "z"


@dataclass(frozen=True)
class EesRelease:
    """What differs between the EES releases of the CLA files: folder, years, column names and
    label wording. Every file's layout and numbers are written once, in ``_write_ees``."""

    folder: str
    years: tuple[int, ...]
    missing_years: tuple[int, ...]
    on_31_march: str  # the labels' wording: 'at 31 March' (2018-2020 files), 'on 31 March' (2025)
    cla_group: str  # the placement file's group of children looked after on 31 March
    stability_name: str
    stability_header: list[str]
    same_carer: bool  # the placement file has the long-term stability row (2025 release)
    activity_header: list[str]
    activity_age: str
    activity_encoding: str
    accommodation_header: list[str]
    suitability_total: str
    outcome_header: list[str]
    missing_header: list[str]
    rate_header: list[str]


EES_2018 = EesRelease(
    folder="dfe_cla_underlying",
    years=EES_YEARS,
    missing_years=EES_YEARS,
    on_31_march="at 31 March",
    cla_group="Children looked after at 31 March",
    stability_name="la_cla_at_31_march_placement_stability_indicator.csv",
    stability_header=["cla_group", "characteristic", "number", "percentage"],
    same_carer=False,
    activity_header=["age", "activity", "number", "percentage"],
    activity_age="Aged 19 to 21",
    activity_encoding="utf-8",
    accommodation_header=["age", "accommodation_suitability", "number", "percentage"],
    suitability_total="Total",
    outcome_header=["cla_group", "characteristic", "number", "percentage"],
    missing_header=["cla_group", "number"],
    # The older rate file's measure sits under population_count, the population under population_estimate.
    rate_header=["population_count", "population_estimate", "number", "rate_per_10000"],
)
# The 2025 release in release_2025/: placement stability renamed la_cla_placement_stability.csv,
# renamed columns (children_count, care_leaver_age, breakdown ...), the swapped category columns of
# the outcomes file, the 2025 wording of the labels ('CLA on 31 March', '19 to 21 years',
# 'Suitability total' ...), years 2021-2025 and 2020-2024 for the missing file.
EES_2025 = EesRelease(
    folder="dfe_cla_underlying/release_2025",
    years=LATER_YEARS,
    missing_years=MISSING_LATER_YEARS,
    on_31_march="on 31 March",
    cla_group="CLA on 31 March",
    stability_name="la_cla_placement_stability.csv",
    stability_header=["cla_group", "placement_stability", "children_count", "children_percent"],
    same_carer=True,
    activity_header=["care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"],
    activity_age="19 to 21 years",
    activity_encoding="utf-8-sig",
    accommodation_header=["care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"],
    suitability_total="Suitability total",
    outcome_header=["characteristic", "breakdown", "children_count", "children_percent"],
    missing_header=["CLA_group", "number"],  # published upper case; lands as cla_group
    rate_header=["population_type", "population_estimate", "children_count", "rate_per_10000"],
)


def _write_ees(universe: Universe, counts: dict, out_dir: Path, release: EesRelease) -> None:
    """The six EES files of one release, from ``counts`` (the release's own figures)."""

    def ees(name, header, items, years=release.years, encoding="utf-8"):
        _ees(universe, out_dir, release.folder, name, header, items, years, encoding)

    def shares(rows):
        """items() of (category cells, count key, denominator key) rows: the count and its percentage."""

        def items(year, members, is_la):
            for parts, key, whole in rows:
                n = _total(counts, members, year, key)
                d = _total(counts, members, year, whole)
                number = _suppress(n) if is_la else n
                yield [*parts, number, "x" if number == "x" else _pct(n, d)]

        return items

    on = release.on_31_march
    long_cohort = f"Children looked after continuously for at least 2.5 years {on} aged under 16 years"
    stability = [
        ([release.cla_group, "Total children"], "cla", "cla"),
        ([release.cla_group, "With 3 or more placements during the year"], "three_plus", "cla"),
        ([long_cohort, "Total children"], "long_cohort", "long_cohort"),
    ]
    if release.same_carer:
        stability.append(
            ([long_cohort, "Living with the same carer for at least 2 years"], "long_stable", "long_cohort")
        )
    ees(release.stability_name, release.stability_header, shares(stability), encoding="utf-8-sig")

    age = release.activity_age
    activity = [
        ([age, "Total"], "leavers", "leavers"),
        ([age, "Higher education i.e. studies beyond A level"], "he", "leavers"),
        ([age, "Total in education, employment or training"], "eet_total", "leavers"),
        ([age, "Total not in education, employment or training"], "neet", "leavers"),
    ]
    ees("la_care_leavers_activity.csv", release.activity_header, shares(activity), encoding=release.activity_encoding)
    accommodation = [
        (["19 to 21 years", release.suitability_total], "leavers", "leavers"),
        (["19 to 21 years", "Accommodation considered suitable"], "suitable", "leavers"),
    ]
    ees("la_care_leavers_accommodation_suitability.csv", release.accommodation_header, shares(accommodation))

    sdq = "Ages 5 to 16 years with SDQ score"
    sdq_shares = shares(
        [
            ([sdq, "SDQ score was received"], "scored", "scored"),
            ([sdq, "SDQ score is normal"], "normal", "scored"),
            ([sdq, "SDQ score is borderline"], "borderline", "scored"),
            ([sdq, "SDQ score is a cause for concern"], "concern", "scored"),
        ]
    )

    def outcomes(year, members, is_la):
        return [*sdq_shares(year, members, is_la), [sdq, "SDQ average score", _sdq_average(counts, members, year), "z"]]

    ees("la_conviction_health_outcome_cla.csv", release.outcome_header, outcomes)

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

    ees(
        "la_children_who_were_missing_or_away_from_placement_without_authorisation.csv",
        release.missing_header,
        missing,
        years=release.missing_years,
        encoding="utf-8-sig",
    )

    def rate(year, members, is_la):
        population = _total(counts, members, year, "under_18")
        for label, key in [
            (f"Children looked after {on} each year", "cla"),
            ("Children starting to be looked after each year", "started"),
            ("Children ceasing to be looked after each year", "ceased"),
        ]:
            n = _total(counts, members, year, key)
            yield [label, population, _suppress(n) if is_la else n, round(10_000 * n / population)]

    ees("cla_number_and_rate_per_10k_children.csv", release.rate_header, rate, encoding="utf-8-sig")


def write(universe: Universe, out_dir: Path, rng) -> None:
    profiles: dict = {}
    counts = _counts(universe, rng, profiles)
    island = [a for a in universe.upper_tier if not a.is_ranked][-1]
    for year in SFR_YEARS:
        for name, columns in _sfr_files(counts, year):
            # SFR50 (2017) has LA_order first and one authority with a blank geog_l in its CLA file.
            blank = island if name == "SFR50_CLA2017.csv" else None
            _sfr(universe, counts, out_dir, name, year, columns, la_order=year == 2017, blank_level_for=blank)
    _write_ees(universe, counts, out_dir, EES_2018)

    _later_counts(universe, profiles, counts, rng)
    # The 2025 release's 2019-20 figures (the missing file's first year) are the revision.
    later = dict(counts)
    for a in universe.upper_tier:
        later[(a.code, 2020)] = counts[(a.code, REVISED_KEY)]
    _write_ees(universe, later, out_dir, EES_2025)
