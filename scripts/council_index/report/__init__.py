"""The league-table report: one self-contained HTML file (reports/index.html) from the warehouse marts.

``index-report --db data/warehouse.duckdb --out reports/index.html`` (``make report``) reads
the index marts read-only and writes a single HTML page with one inlined copy of plotly.js (no
network at view time): the overall league table (marts.rpt_league_table; sortable, searchable; lens ranks,
quadrant, kept in view by its council column when it scrolls sideways on a phone), one
table per lens, an outcome-versus-spend scatter per lens with the quadrant lines, the rank movement
between editions (slope chart, most improved highlighted), a heatmap of lens ranks, the financial
grip chart, and a section per council (``#council/<code>``: lens ranks, indicator values against
England coloured by polarity, rank history). A build from the synthetic demo data is labelled as such.
When the analysis marts are built (absent with var analysis_enabled false, and then simply left
out): a "90% interval" column in the league table and an error-bar chart of the overall rank intervals
(fct_rank_uncertainty), the sensitivity table (rpt_sensitivity), and on each council page its
statistical neighbours (fct_statistical_neighbours), its rank among them per lens
(fct_neighbour_lens_ranks) and its outcome against the one expected given its demographics (fct_lens_context).

Caveats sit where the number is shown (module ``caveats``): each flag column of the marts
(has_implausibly_low_spend, is_partial_lens, has_few_indicators, is_fallback_spend_year,
is_ranked_on_fewer_lenses) puts a mark next to the rank it qualifies, in the league table, the lens tables and the
council page, with its one-line reason on hover and a legend; a flag column the warehouse lacks is not marked (the
legend says so), never recomputed. Every council without an overall or lens rank is listed with why
(not_ranked_reason). An edition selector (default: the latest edition with a league table) switches the league
and lens tables, the lens charts and the council pages; the league table's "Change" says why a council has no
previous rank (fct_rank_changes.no_previous_rank_reason). Each council page explains its rank: each lens's rank
against the council's mean lens rank, and per lens the indicator scores (outcome side) beside the spend per head
against the median (money side), values beyond the axis drawn to its edge and labelled. The build summary
(council_index.summary) heads the page when that module is installed.

The page says where the data came from (the publishers of the loaded datasets, from the dataset registry;
or that it is synthetic demo data) and how to cite it, and fits any width from a 390 px phone up: tables
scroll in their own frame, charts switch to a narrow layout.

Modules: ``data`` (queries), ``caveats`` (marks and reasons), ``charts`` (plotly figures), ``page`` (the
templates' context and rendering),
``progress`` (progress bar), ``build`` (command line). The page itself is ``templates/*.html.j2`` (Jinja2)
with ``static/report.css``, ``static/errors.js`` and ``static/report.js``, inlined at build time.
"""

from .build import build_report, main  # noqa: F401
