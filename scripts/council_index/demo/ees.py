"""The DfE explore-education-statistics (EES) tidy layout shared by the DfE demo files.

Every EES file opens with the same area columns: the period (``time_period``, ``time_identifier``),
the level (``National``, ``Regional``, ``Local authority``), England's code and name on every row,
the region's code and name (none on the national row), then the authority's DfE number, GSS code
and name (none above authority level). The children looked after files put ``la_name`` before
``new_la_code``; the children in need and population files put it after.
"""

from __future__ import annotations

AREA_COLUMNS = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
]


def header(*columns: str, name_first: bool = False) -> list[str]:
    """The area columns (``la_name`` before ``new_la_code`` if ``name_first``), then ``columns``."""
    la = ["la_name", "new_la_code"] if name_first else ["new_la_code", "la_name"]
    return [*AREA_COLUMNS, *la, *columns]


def area_cells(year, level: str, region_code=None, region_name=None, authority=None, name_first=False) -> list:
    """The area cells of one row: ``authority`` (with ``dfe_code``, ``code``, ``name``) on a
    ``Local authority`` row, None above it."""
    cells = [year, "Reporting year", level, "E92000001", "England", region_code, region_name]
    if authority is None:
        return cells + [None, None, None]
    la = [authority.name, authority.code] if name_first else [authority.code, authority.name]
    return cells + [authority.dfe_code, *la]
