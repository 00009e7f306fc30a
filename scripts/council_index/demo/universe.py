"""The fictional authorities of the demo dataset.

Every demo authority has a name made of invented syllables and a GSS-shaped code in a range no
real code uses (``E06900001``, ``E07900001`` ...: real codes stay below ``E0x100000``), an MHCLG
E-code ``E9xxx`` and a DfE number below 200 (real DfE numbers start at 201). So the demo can never
be mistaken for, or joined by accident to, the real index.

The universe mirrors the real upper tier of 2017-19: 27 counties (each with shire districts),
56 unitaries, 36 metropolitan districts and 33 London boroughs, 152 in all, including two tiny
authorities that, like the City of London and the Isles of Scilly, are not ranked.

``build_universe(scale=N)`` (benchmarks only: ``index-demo --scale N``) appends N - 1
replicas of that universe, each drawn from its own seeded generator, with distinct codes (E-codes
beyond ``E9998`` use letters, ``EA000`` ...; DfE numbers continue from 1000, four digits or more,
which the LAIT staging models keep as they are: only numbers shorter than three digits are
zero-padded) and names suffixed with the replica number. GSS codes in ``RESERVED_CODES`` (the
lookup demo's rows for authorities outside the 2017-19 upper tier) are skipped, so no generated
authority takes one. Scale 1, the default, is the universe above, unchanged.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field

SEED = 20180601

REGIONS = [
    ("E12000001", "North East", "NORTH EAST"),
    ("E12000002", "North West", "NORTH WEST"),
    ("E12000003", "Yorkshire and The Humber", "YORKSHIRE AND THE HUMBER"),
    ("E12000004", "East Midlands", "EAST MIDLANDS"),
    ("E12000005", "West Midlands", "WEST MIDLANDS"),
    ("E12000006", "East of England", "EAST"),
    ("E12000007", "London", "LONDON"),
    ("E12000008", "South East", "SOUTH EAST"),
    ("E12000009", "South West", "SOUTH WEST"),
]
# How many of each type sit in each region (London holds every London borough).
_COUNTIES = {
    "E12000002": 2,
    "E12000003": 1,
    "E12000004": 4,
    "E12000005": 3,
    "E12000006": 5,
    "E12000008": 7,
    "E12000009": 5,
}
_UNITARIES = {
    "E12000001": 7,
    "E12000002": 7,
    "E12000003": 4,
    "E12000004": 4,
    "E12000005": 4,
    "E12000006": 6,
    "E12000008": 12,
    "E12000009": 12,
}
_METS = {"E12000001": 5, "E12000002": 15, "E12000003": 9, "E12000005": 7}

_START = [
    "Ash",
    "Bram",
    "Cald",
    "Dorn",
    "Ember",
    "Fern",
    "Gran",
    "Holl",
    "Ives",
    "Kester",
    "Lorn",
    "Marrow",
    "Nether",
    "Orrin",
    "Pell",
    "Quill",
    "Ravel",
    "Sorrel",
    "Tarn",
    "Umber",
    "Vell",
    "Wyck",
    "Yarrow",
    "Zeal",
    "Bex",
    "Corrin",
    "Dray",
    "Elder",
    "Fallow",
    "Glim",
    "Harrow",
    "Ister",
    "Jasp",
    "Kell",
    "Lumen",
    "Mistle",
    "Nodd",
    "Oxl",
    "Pryor",
    "Rusk",
    "Sedge",
]
_END = [
    "brook",
    "mere",
    "wold",
    "combe",
    "haven",
    "holt",
    "ley",
    "marsh",
    "stead",
    "thorpe",
    "vale",
    "wick",
    "garth",
    "lowe",
    "more",
    "fen",
    "cross",
    "by",
    "den",
    "hurst",
]

# GSS codes the la_lookup demo gives to authorities the 2017-19 filter must leave out (abolished
# before 2017, created after 2019); never given to a generated authority (scale 1 never reaches them).
RESERVED_CODES = frozenset({"E07900999", "E06900999"})


@dataclass
class Authority:
    code: str  # GSS-shaped code, fictional range
    ecode: str  # MHCLG E-code
    dfe_code: str | None  # DfE three-digit number (upper tier only)
    name: str
    kind: str  # county | unitary | metropolitan district | london borough | shire district
    region_code: str
    county_code: str | None = None
    population: int = 0
    is_ranked: bool = True
    districts: list[Authority] = field(default_factory=list)

    @property
    def lookup_type(self) -> str:
        """mySociety local-authority-type of this kind."""
        return {
            "county": "CTY",
            "unitary": "UA",
            "metropolitan district": "MD",
            "london borough": "LBO",
            "shire district": "NMD",
        }[self.kind]


@dataclass
class Universe:
    upper_tier: list[Authority]
    districts: list[Authority]
    regions: list[tuple[str, str, str]]

    def by_code(self) -> dict[str, Authority]:
        return {a.code: a for a in [*self.upper_tier, *self.districts]}

    def ranked(self) -> list[Authority]:
        return [a for a in self.upper_tier if a.is_ranked]

    def island(self) -> Authority:
        """The Isles of Scilly stand-in (E06900056): the first unranked unitary. The files that leave it
        out, as the real ones leave out the Isles of Scilly, leave out this one only: a scaled
        universe's replicas of it are ordinary fictional councils to the registry's coverage checks."""
        return next(a for a in self.upper_tier if a.kind == "unitary" and not a.is_ranked)


def _names(rng: random.Random):
    pool = [a + b for a in _START for b in _END]
    rng.shuffle(pool)
    return iter(pool)


def _ecodes():
    """E9001 ... E9998, then (scaled universes only) EA000, EA001 ... : four characters, never real."""
    yield from (f"E{n}" for n in range(9001, 9999))
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for n in itertools.count(10 * 36**3):
        yield "E" + "".join(digits[n // 36**p % 36] for p in (3, 2, 1, 0))


def build_universe(seed: int = SEED, scale: int = 1) -> Universe:
    """The demo's 152 upper-tier authorities and their shire districts, always the same for a seed.

    ``scale`` > 1 appends ``scale - 1`` replicas (own seeded generator, distinct codes and names) for
    benchmarks; the first 152 authorities are always exactly those of scale 1.
    """
    if scale < 1:
        raise ValueError("scale must be a positive integer")
    counters = {"E06": 0, "E07": 0, "E08": 0, "E09": 0, "E10": 0}
    ecodes = _ecodes()
    dfe = iter(range(101, 200))
    dfe_low = itertools.chain(range(1, 100), itertools.count(1000))
    upper, districts = [], []
    for replica in range(scale):
        rng = random.Random(seed) if replica == 0 else random.Random(f"{seed}:replica:{replica}")
        suffix = "" if replica == 0 else f" {replica + 1}"
        _build_replica(rng, suffix, counters, ecodes, dfe, dfe_low, upper, districts)
    return Universe(upper_tier=upper, districts=districts, regions=REGIONS)


def _build_replica(rng, suffix, counters, ecodes, dfe, dfe_low, upper, districts) -> None:
    names = (name + suffix for name in _names(rng))

    def make(prefix, kind, region, county=None, population=0):
        counters[prefix] += 1
        while f"{prefix}9{counters[prefix]:05d}" in RESERVED_CODES:
            counters[prefix] += 1
        base = next(names)
        name = {"county": base + "shire", "london borough": base + " Borough"}.get(kind, base)
        if kind != "shire district":
            code = next(dfe, None) or next(dfe_low)
            dfe_code = f"{code:03d}"
        else:
            dfe_code = None
        return Authority(
            code=f"{prefix}9{counters[prefix]:05d}",
            ecode=next(ecodes),
            dfe_code=dfe_code,
            name=name,
            kind=kind,
            region_code=region,
            county_code=county,
            population=population,
        )

    first = len(upper)
    for region_code, _, _ in REGIONS:
        for _ in range(_UNITARIES.get(region_code, 0)):
            upper.append(make("E06", "unitary", region_code, population=rng.randint(95_000, 520_000)))
        for _ in range(_METS.get(region_code, 0)):
            upper.append(make("E08", "metropolitan district", region_code, population=rng.randint(150_000, 1_100_000)))
        for _ in range(_COUNTIES.get(region_code, 0)):
            county = make("E10", "county", region_code)
            for _ in range(rng.randint(4, 10)):
                district = make(
                    "E07", "shire district", region_code, county=county.code, population=rng.randint(60_000, 180_000)
                )
                county.districts.append(district)
                districts.append(district)
            county.population = sum(d.population for d in county.districts)
            upper.append(county)
        if region_code == "E12000007":
            for _ in range(33):
                upper.append(make("E09", "london borough", region_code, population=rng.randint(150_000, 390_000)))
    # Two tiny authorities stand in for the City of London and the Isles of Scilly: kept, not ranked.
    tiny = [a for a in upper[first:] if a.kind == "london borough"][0]
    tiny.population, tiny.is_ranked = 8_700, False
    island = [a for a in upper[first:] if a.kind == "unitary" and a.region_code == "E12000009"][-1]
    island.population, island.is_ranked = 2_300, False
