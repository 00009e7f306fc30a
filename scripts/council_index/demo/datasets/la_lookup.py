"""Demo of the mySociety lookup (``la_lookup/uk_local_authorities_current.csv``), same 38 columns."""

from __future__ import annotations

import itertools
from pathlib import Path

from ..universe import RESERVED_CODES, Universe
from ..writers import write_csv

COLUMNS = [
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "replaced-by",
    "nation",
    "region",
    "local-authority-type",
    "local-authority-type-name",
    "county-la",
    "combined-authority",
    "alt-names",
    "former-gss-codes",
    "notes",
    "current-authority",
    "BS-6879",
    "ecode",
    "even-older-register-and-code",
    "gov-uk-slug",
    "area",
    "pop-2020",
    "x",
    "y",
    "lat",
    "long",
    "powers",
    "lower-or-unitary",
    "mapit-area-code",
    "ofcom",
    "old-ons-la-code",
    "old-register-and-code",
    "open-council-data-id",
    "os-file",
    "os",
    "snac",
    "wdtk-id",
]
TYPE_NAMES = {
    "CTY": "County",
    "UA": "Unitary authority",
    "MD": "Metropolitan district",
    "LBO": "London borough",
    "NMD": "Non-metropolitan district",
}
OFFICIAL = {
    "CTY": "County Council",
    "UA": "Council",
    "MD": "Metropolitan Borough Council",
    "LBO": "London Borough Council",
    "NMD": "District Council",
}


def _short(index: int) -> str:
    """QAA, QAB ... QZZ; beyond 676 authorities (scaled benchmark universes only) more letters follow."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    code = letters[index // 26 % 26] + letters[index % 26]
    index //= 676
    while index:
        index, rest = divmod(index - 1, 26)
        code = letters[rest] + code
    return "Q" + code


# Registry codes of the extra rows below; generated authorities skip them (only scaled universes
# have enough authorities to reach them: QZA is the 651st code).
RESERVED_SHORT = ("QZA", "QZB", "QZC")


def _shorts(count: int) -> list[str]:
    """``count`` distinct registry codes in order, skipping RESERVED_SHORT."""
    codes = (_short(i) for i in itertools.count())
    return list(itertools.islice((c for c in codes if c not in RESERVED_SHORT), count))


# The demo's boundary change, between the 2019 and 2020 editions: two unitaries of the South East
# (Bexstead and Yarrowmore, codes fixed by the seed) end on 31 March 2020 and merge into New
# Tarnvale (QZC, E06900999) from 1 April 2020, as listed in seeds/reference/boundary_changes.csv.
MERGED_INTO_NEW_TARNVALE = ("E06900033", "E06900035")
MERGER_END_DATE = "2020-03-31"
NEW_TARNVALE_ECODE = "E9999"  # beyond the generated E9001 ... E9998


def write(universe: Universe, out_dir: Path, rng) -> None:
    regions = {code: name for code, name, _ in universe.regions}
    everyone = [*universe.upper_tier, *universe.districts]
    short = dict(zip((a.code for a in everyone), _shorts(len(everyone))))
    rows = [COLUMNS]
    for a in everyone:
        t = a.lookup_type
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            {
                "local-authority-code": short[a.code],
                "official-name": f"{a.name} {OFFICIAL[t]}",
                "nice-name": a.name,
                "gss-code": a.code,
                "nation": "England",
                "region": regions[a.region_code],
                "local-authority-type": t,
                "local-authority-type-name": TYPE_NAMES[t],
                "county-la": short.get(a.county_code, "") if a.county_code else "",
                "current-authority": "True",
                "ecode": a.ecode,
                "alt-names": a.name,
                "pop-2020": f"{a.population * 1.03:.1f}",
            }
        )
        if a.code in MERGED_INTO_NEW_TARNVALE:
            row.update({"end-date": MERGER_END_DATE, "replaced-by": "QZC", "current-authority": "False"})
        rows.append([row[c] for c in COLUMNS])
    # Rows the 2017-19 upper-tier filter must leave out: another nation, an authority abolished
    # before 2017 and one created after 2019 (New Tarnvale, the merger of two unitaries).
    extra = [
        ("QZA", "Glenbarra Council", "S12900001", "", "", "Scotland", "Scotland", "UA"),
        ("QZB", "Old Fernmarsh District Council", "E07900999", "", "2009-03-31", "England", "South West", "NMD"),
        ("QZC", "New Tarnvale Council", "E06900999", "2020-04-01", "", "England", "South East", "UA"),
    ]
    assert {row[0] for row in extra} == set(RESERVED_SHORT) and {row[2] for row in extra[1:]} == RESERVED_CODES
    for code, name, gss, start, end, nation, region, t in extra:
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            {
                "local-authority-code": code,
                "official-name": name,
                "nice-name": name,
                "gss-code": gss,
                "start-date": start,
                "end-date": end,
                "nation": nation,
                "region": region,
                "local-authority-type": t,
                "local-authority-type-name": TYPE_NAMES.get(t, t),
                "current-authority": "False" if end else "True",
            }
        )
        if code == "QZC":
            row.update({"ecode": NEW_TARNVALE_ECODE, "official-name": f"{name}", "alt-names": "New Tarnvale"})
        rows.append([row[c] for c in COLUMNS])
    write_csv(out_dir / "la_lookup" / "uk_local_authorities_current.csv", rows)
    # The two lookups: name variants (nice name, official name, upper case) and GSS codes.
    names = [["la-name", "local-authority-code"]]
    codes = [["gss-code", "local-authority-code"]]
    for a in everyone:
        t = a.lookup_type
        for variant in dict.fromkeys([a.name, f"{a.name} {OFFICIAL[t]}", a.name.upper()]):
            names.append([variant, short[a.code]])
        codes.append([a.code, short[a.code]])
    write_csv(out_dir / "la_lookup" / "lookup_name_to_registry.csv", names)
    write_csv(out_dir / "la_lookup" / "lookup_gss_to_registry.csv", codes)
