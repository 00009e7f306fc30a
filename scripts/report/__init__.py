"""The league-table report: one self-contained HTML file (reports/index.html) from the warehouse marts.

``python scripts/report --db data/warehouse.duckdb --out reports/index.html`` (``make report``) reads
the index marts read-only and writes a single HTML page with one inlined copy of plotly.js (no
network at view time): the overall league table (sortable, searchable; lens ranks, quadrant), one
table per lens, an outcome-versus-spend scatter per lens with the quadrant lines, the rank movement
between editions (slope chart, most improved highlighted), a heatmap of lens ranks, the financial
grip chart, and a section per council (``#council/<code>``: lens ranks, indicator values against
England coloured by polarity, rank history). A build from the synthetic demo data is labelled as such.

Modules: ``data`` (queries), ``charts`` (plotly figures), ``page`` (HTML, CSS and the small table /
council script), ``progress`` (progress bar), ``build`` (command line).
"""

from .build import build_report, main  # noqa: F401
