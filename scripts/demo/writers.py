"""Write demo files in the published formats: CSV, xlsx (also standing in for legacy .xls), ods, parquet.

No maintained Python library writes the legacy binary .xls format, so datasets published as .xls
are written as .xlsx with the same sheets and layout; the registry patterns accept both
(``*.xls*``) and the loader picks the spreadsheet engine from the file's own extension.
"""

from __future__ import annotations

import csv
from pathlib import Path

Grid = list[list]  # rows of cells; None is an empty cell


def write_csv(path: Path, rows: Grid, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(["" if c is None else c for c in row])
    return path


def write_xlsx(path: Path, sheets: dict[str, Grid]) -> Path:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "nan_inf_to_errors": True})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return path


def write_ods(path: Path, sheets: dict[str, Grid]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    path.parent.mkdir(parents=True, exist_ok=True)
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                if value is None:
                    cell = TableCell()
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def write_parquet(path: Path, columns: dict[str, list]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), str(path))
    return path
