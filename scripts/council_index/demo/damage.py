"""Damaged copies of a raw file, as downloads and re-issues go wrong, for the partial-file tests and
for trying the loader's guards by hand (truncation, shrinkage, coverage).

``write_damaged(source, target, damage)`` writes ``target`` from ``source`` with one of:

- ``cut_at_row``: the file ends after its middle data row, on a row boundary (a download cut
  between two lines; a sheet that ends early); everything after it, footnotes too, is gone;
- ``cut_mid_record``: a text file ends half-way through the line after its middle data row; a
  binary file (workbook, Parquet) keeps the first half of its bytes;
- ``rows_deleted``: the middle third of the data rows removed, the rest kept as it was;
- ``authority_removed``: every row of one authority removed (``code``, by default the authority of
  the middle data row).

Data rows are the rows with a cell shaped like a GSS code (``E06000001``): header, title, total and
note rows are kept. A workbook is read with the loader's engine and written again with the demo's
writers (values kept, formatting not), every sheet damaged alike; ``.xls`` needs ``xlwt``.
Returns a line saying what was done, e.g. ``rows_deleted: 13 of 40 data rows removed``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from council_index.errors import CommandError, command

from .writers import write_ods, write_xlsx

DAMAGES = ("cut_at_row", "cut_mid_record", "rows_deleted", "authority_removed")
CODE = re.compile(r"\b[EWSNK][0-9]{8}\b")


def _code_of(cells) -> str | None:
    for cell in cells:
        match = CODE.search(str(cell)) if cell is not None else None
        if match:
            return match.group(0)
    return None


def _keep(rows: list, codes: list[str | None], damage: str, code: str | None) -> tuple[list[int], str]:
    """Indexes of the rows to keep, and what was done."""
    data = [i for i, c in enumerate(codes) if c]
    if len(data) < 3:
        raise ValueError(f"{len(data)} data rows (rows with an authority code): too few to damage")
    if damage == "cut_at_row":
        last = data[len(data) // 2]
        return list(range(last + 1)), f"cut_at_row: ends after data row {len(data) // 2 + 1} of {len(data)}"
    if damage == "rows_deleted":
        gone = set(data[len(data) // 3 : 2 * len(data) // 3])
        return [
            i for i in range(len(rows)) if i not in gone
        ], f"rows_deleted: {len(gone)} of {len(data)} data rows removed"
    if damage == "authority_removed":
        code = code or codes[data[len(data) // 2]]
        gone = {i for i in data if codes[i] == code}
        if not gone:
            raise ValueError(f"no data row of {code}")
        return [
            i for i in range(len(rows)) if i not in gone
        ], f"authority_removed: {len(gone)} row(s) of {code} removed"
    raise ValueError(f"unknown damage {damage!r} (one of {', '.join(DAMAGES)})")


def _damage_text(source: Path, target: Path, damage: str, code: str | None) -> str:
    lines = source.read_bytes().splitlines(keepends=True)
    codes = [_code_of([line.decode("utf-8", "replace")]) for line in lines]
    if damage == "cut_mid_record":
        keep, _ = _keep(lines, codes, "cut_at_row", code)
        following = lines[keep[-1] + 1] if keep[-1] + 1 < len(lines) else b""
        if not following.strip():
            raise ValueError("no line after the middle data row to cut")
        half = following.rstrip(b"\r\n")[: max(1, len(following.rstrip(b"\r\n")) // 2)]
        target.write_bytes(b"".join(lines[i] for i in keep) + half)
        return f"cut_mid_record: ends {len(half)} bytes into line {keep[-1] + 2} of {len(lines)}"
    keep, what = _keep(lines, codes, damage, code)
    target.write_bytes(b"".join(lines[i] for i in keep))
    return what


def _read_sheets(source: Path) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(source))
    return {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in workbook.sheet_names}


def _write_xls(path: Path, sheets: dict[str, list[list]]) -> None:
    import xlwt  # test dependency (requirements-dev.txt): the only writer of the legacy format

    workbook = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    sheet.write(r, c, value if isinstance(value, (int, float, str)) else str(value))
    workbook.save(str(path))


def _damage_sheets(source: Path, target: Path, damage: str, code: str | None) -> str:
    sheets = _read_sheets(source)
    done = []
    for name, rows in sheets.items():
        rows = [[None if v == "" else v for v in row] for row in rows]
        codes = [_code_of(row) for row in rows]
        if sum(1 for c in codes if c) < 3:
            sheets[name] = rows
            continue
        keep, what = _keep(rows, codes, damage, code)
        sheets[name] = [rows[i] for i in keep]
        done.append(f"sheet {name!r} {what}")
    if not done:
        raise ValueError("no sheet with data rows (rows with an authority code)")
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(target, sheets)
    elif suffix == ".ods":
        write_ods(target, sheets)
    elif suffix == ".xls":
        _write_xls(target, sheets)
    else:
        raise ValueError(f"cannot write a workbook named {target.name}")
    return "; ".join(done)


def _damage_parquet(source: Path, target: Path, damage: str, code: str | None) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(str(source))
    texts = [c.to_pylist() for c in table.columns if pa.types.is_string(c.type) or pa.types.is_large_string(c.type)]
    codes = [_code_of(values) for values in zip(*texts)] if texts else [None] * table.num_rows
    keep, what = _keep(list(range(table.num_rows)), codes, damage, code)
    pq.write_table(table.take(pa.array(keep, type=pa.int64())), str(target))
    return what


def write_damaged(source: Path | str, target: Path | str, damage: str, code: str | None = None) -> str:
    """Write a damaged copy of ``source`` to ``target`` (see the module docstring); say what was done."""
    source, target = Path(source), Path(target)
    if damage not in DAMAGES:
        raise ValueError(f"unknown damage {damage!r} (one of {', '.join(DAMAGES)})")
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = source.suffix.lower()
    if suffix in (".csv", ".txt"):
        return _damage_text(source, target, damage, code)
    if damage == "cut_mid_record":
        data = source.read_bytes()
        target.write_bytes(data[: len(data) // 2])
        return f"cut_mid_record: first {len(data) // 2:,} of {len(data):,} bytes"
    if suffix in (".xlsx", ".xls", ".ods"):
        return _damage_sheets(source, target, damage, code)
    if suffix == ".parquet":
        return _damage_parquet(source, target, damage, code)
    raise ValueError(f"no damage written for {source.suffix} files")


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a damaged copy of a raw file (cut, rows or an authority removed)."
    )
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("damage", choices=DAMAGES)
    parser.add_argument("--code", help="authority_removed: the GSS code to remove (default: the middle data row's)")
    args = parser.parse_args(argv)
    try:
        print(write_damaged(args.source, args.target, args.damage, args.code))
    except (ValueError, OSError) as exc:
        raise CommandError(f"{args.source}: {exc}") from exc
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
