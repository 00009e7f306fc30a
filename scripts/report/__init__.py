"""The league-table report: one self-contained HTML file (reports/index.html) from the warehouse marts.

``python scripts/report --db data/warehouse.duckdb --out reports/index.html`` (``make report``) reads
the index marts read-only and writes a single HTML page with one inlined copy of plotly.js (no
network at view time): the overall league table (sortable, searchable; lens ranks, quadrant), one
table per lens, an outcome-versus-spend scatter per lens with the quadrant lines, the rank movement
between editions (slope chart, most improved highlighted), a heatmap of lens ranks, the financial
grip chart, and a section per council (``#council/<code>``: lens ranks, indicator values against
England coloured by polarity, rank history). A build from the synthetic demo data is labelled as such.
When the analysis marts are built (issue 8; absent with var analysis_enabled false, and then simply left
out): a "90% interval" column in the league table and an error-bar chart of the overall rank intervals
(fct_rank_uncertainty), the sensitivity table (rpt_sensitivity), and on each council page its
statistical neighbours (fct_statistical_neighbours), its rank among them per lens
(fct_neighbour_lens_ranks) and its outcome against the one expected given its demographics (fct_lens_context).

Modules: ``data`` (queries), ``charts`` (plotly figures), ``page`` (HTML, CSS and the small table /
council script), ``progress`` (progress bar), ``build`` (command line).
"""

from .build import build_report, main  # noqa: F401
