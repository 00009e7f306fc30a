"""Write demo files in the published formats: CSV, xlsx (also standing in for legacy .xls), ods, parquet.

No maintained Python library writes the legacy binary .xls format, so datasets published as .xls
are written as .xlsx with the same sheets and layout; the registry patterns accept both
(``*.xls*``) and the loader picks the spreadsheet engine from the file's own extension.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

Grid = list[list]  # rows of cells; None is an empty cell
# The creation time written into workbooks, instead of the clock's, so a demo is byte-identical
# from one run to the next (xlsx member times are fixed by xlsxwriter; ods ones are set below).
FIXED_TIME = datetime.datetime(2018, 6, 1)


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
    workbook.set_properties({"created": FIXED_TIME})  # no clock time: the same rows give the same bytes
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return path


def write_ods(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A minimal OpenDocument spreadsheet (mimetype, manifest, content.xml) built as text.

    Numbers become float cells, text string cells, None empty cells. Built as text rather than
    with odfpy, which is about 50 times slower: the demo's waste and fly-tipping workbooks (about
    250,000 cells) take well under a second.
    """
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    def cell(value) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f'<table:table-cell office:value-type="float" office:value="{value!r}"><text:p>{value!r}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
    ]
    for name, rows in sheets.items():
        parts.append(f"<table:table table:name={quoteattr(name)}>")
        for row in rows:
            parts.append("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>")
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        # Fixed member times (ZipInfo's default, 1980-01-01): the same rows give the same bytes.
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr(zipfile.ZipInfo("META-INF/manifest.xml"), manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("content.xml"), "".join(parts), compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_parquet(path: Path, columns: dict[str, list]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), str(path))
    return path
