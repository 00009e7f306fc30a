"""The report's charts, as plotly figures (rendered by the one inlined plotly.js of the page).

Each figure carries its title (the page shows it as an HTML caption above the chart, where it wraps on a
phone instead of being clipped) and, in ``layout.meta.narrow``, the layout changes the page applies on
screens narrower than about 700 px (``{"layout": {...}, "traces": {...}}``: merged into the layout and
into every trace), e.g. a legend below the plot instead of beside it.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .data import ReportData

QUADRANT_COLOURS = {
    "better outcomes, lower spend": "#1a9850",
    "better outcomes, higher spend": "#91cf60",
    "worse outcomes, lower spend": "#fc8d59",
    "worse outcomes, higher spend": "#d73027",
}
GREY = "#b8b8b8"
HIGHLIGHT = "#d6604d"
ACCENT = "#1f5f99"
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=12)


def _layout(fig: go.Figure, title: str, height: int = 420, narrow: dict | None = None, **kwargs) -> go.Figure:
    """Title, size, font and margins; axes grow their margins to fit their labels (no clipped axis title)."""
    kwargs.setdefault("margin", dict(l=60, r=20, t=20, b=50))
    fig.update_layout(
        title=dict(text=title, x=0.01, xanchor="left"),
        height=height,
        font=FONT,
        template="plotly_white",
        meta={"narrow": narrow or {}},
        **kwargs,
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


LEGEND_BELOW = {"legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.18, "yanchor": "top"}}


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    narrow = {
        "layout": {
            "annotations": [dict(text=_wrap(message, 40), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")]
        }
    }
    return _layout(fig, title, height=200, narrow=narrow)


def lens_scatter(data: ReportData, lens_id: str, edition: int | None = None) -> go.Figure:
    """Outcome index against spend index of the edition's ranked councils, with the quadrant lines at 100."""
    edition = data.edition if edition is None else edition
    title = f"{data.lens_names[lens_id]}: outcomes against spend ({edition} edition)"
    rows = data.lens_productivity[
        (data.lens_productivity["edition"] == edition)
        & (data.lens_productivity["lens_id"] == lens_id)
        & data.lens_productivity["lens_rank"].notna()
    ]
    if rows.empty:
        return _empty(title, "no council has a productivity index in this lens")
    names = rows["authority_code"].map(data.names)
    fig = go.Figure(
        go.Scatter(
            x=rows["spend_index"].round(1),  # a tenth is what the tables show (and keeps the page small)
            y=rows["outcome_index"].round(1),
            mode="markers",
            marker=dict(
                size=8,
                color=rows["lens_rank"],
                colorscale="RdYlGn",
                reversescale=True,
                colorbar=dict(title=dict(text="lens<br>rank"), thickness=12),
                line=dict(width=0.5, color="#555"),
            ),
            text=names,
            customdata=list(zip(rows["lens_rank"], rows["productivity_index"].round(1), rows["authority_code"])),
            hovertemplate="<b>%{text}</b><br>spend index %{x:.1f}<br>outcome index %{y:.1f}"
            "<br>productivity %{customdata[1]}<br>lens rank %{customdata[0]}<extra></extra>",
        )
    )
    fig.add_vline(x=100, line=dict(color="#444", dash="dash", width=1))
    fig.add_hline(y=100, line=dict(color="#444", dash="dash", width=1))
    corners = (
        ("better outcomes, lower spend", 0.01, 0.99, "left", "top"),
        ("better outcomes, higher spend", 0.99, 0.99, "right", "top"),
        ("worse outcomes, lower spend", 0.01, 0.01, "left", "bottom"),
        ("worse outcomes, higher spend", 0.99, 0.01, "right", "bottom"),
    )
    for text, x, y, xa, ya in corners:
        fig.add_annotation(
            text=text,
            x=x,
            y=y,
            xref="paper",
            yref="paper",
            xanchor=xa,
            yanchor=ya,
            showarrow=False,
            font=dict(size=10, color=QUADRANT_COLOURS[text]),
        )
    fig.update_xaxes(title="spend index (100 = median spend per head)")
    fig.update_yaxes(title="outcome index (100 = mean outcome)")
    # on a phone the corner labels go on two lines so that the left and right ones do not meet
    narrow_corners = [
        dict(
            text=text.replace(", ", ",<br>"),
            x=x,
            y=y,
            xref="paper",
            yref="paper",
            xanchor=xa,
            yanchor=ya,
            showarrow=False,
            align=xa,
            font=dict(size=9, color=QUADRANT_COLOURS[text]),
        )
        for text, x, y, xa, ya in corners
    ]
    narrow = {
        "layout": {
            "annotations": narrow_corners,
            "margin": {"l": 50, "r": 10},
            "xaxis": {"title": {"text": "spend index (100 = median)"}},
            "yaxis": {"title": {"text": "outcome index (100 = mean)"}},
        },
        "traces": {"marker": {"colorbar": {"thickness": 8}}},
    }
    return _layout(fig, title, height=420, narrow=narrow)


def rank_slope(data: ReportData) -> go.Figure:
    """Overall rank in each edition, one line per council; the most improved councils highlighted."""
    title = "Overall rank in each edition (most improved councils highlighted)"
    ranked = data.overall[data.overall["overall_rank"].notna()]
    editions = sorted(int(e) for e in ranked["edition"].unique())
    if len(editions) < 2:
        shown = ", ".join(str(e) for e in editions) or "none"
        return _empty(
            title,
            f"fewer than two editions have overall ranks (editions with ranks: {shown}), "
            "so there is no movement to show",
        )
    improved, risers = set(), set()
    if not data.rank_changes.empty:
        overall_changes = data.rank_changes[
            (data.rank_changes["edition"] == data.edition) & (data.rank_changes["lens_id"] == "overall")
        ]
        improved = set(overall_changes.loc[overall_changes["is_most_improved"], "authority_code"])
        if not improved:  # nobody passed the threshold: show the five biggest risers instead
            top = (
                overall_changes[overall_changes["rank_change"] > 0]
                .sort_values(["rank_change", "authority_code"], ascending=[False, True])
                .head(5)
            )
            risers = set(top["authority_code"])
    wide = ranked.pivot(index="authority_code", columns="edition", values="overall_rank").reindex(columns=editions)
    xs, ys, texts = [], [], []
    for code, row in wide.iterrows():
        if code in improved or code in risers:
            continue
        for edition in editions:
            value = row[edition]
            xs.append(str(edition))
            ys.append(None if pd.isna(value) else int(value))
            texts.append(data.names.get(code, code))
        xs.append(None), ys.append(None), texts.append(None)
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            text=texts,
            name="other councils",
            line=dict(color=GREY, width=1),
            marker=dict(size=4, color=GREY),
            hovertemplate="<b>%{text}</b><br>%{x}: rank %{y}<extra></extra>",
            connectgaps=False,
        )
    )
    for group, colour, label in (
        (improved, HIGHLIGHT, "most improved"),
        (risers, "#4575b4", "biggest riser (none rose more than the most-improved threshold)"),
    ):
        for code in sorted(group, key=lambda c: wide.loc[c, data.edition] if c in wide.index else math.inf):
            if code not in wide.index:
                continue
            row = wide.loc[code]
            name = data.names.get(code, code)
            fig.add_trace(
                go.Scatter(
                    x=[str(e) for e in editions],
                    y=[None if pd.isna(row[e]) else int(row[e]) for e in editions],
                    mode="lines+markers+text",
                    name=name,
                    line=dict(color=colour, width=3),
                    marker=dict(size=7),
                    text=[name if e == data.edition else "" for e in editions],
                    textposition="middle right",
                    hovertemplate=f"<b>{name}</b> ({label})<br>%{{x}}: rank %{{y}}<extra></extra>",
                )
            )
    fig.update_yaxes(autorange="reversed", title="overall rank (1 = most productive)")
    fig.update_xaxes(title="edition", type="category")
    narrow = {"layout": {**LEGEND_BELOW, "margin": {"r": 10}}, "traces": {"mode": "lines+markers"}}
    if not improved and risers:
        note = (
            "no council's overall rank rose by more than the most-improved threshold; "
            "the five biggest risers are shown in blue"
        )
        fig.add_annotation(
            text=note,
            showarrow=False,
            x=0,
            y=1.02,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            font=dict(size=11),
        )
        narrow["layout"]["annotations"] = [
            dict(
                text=_wrap(note, 40),
                showarrow=False,
                x=0,
                y=1.02,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="bottom",
                font=dict(size=10),
            )
        ]
        narrow["layout"]["margin"]["t"] = 70
    return _layout(
        fig, title, height=620, showlegend=bool(improved or risers), margin=dict(l=60, r=120, t=40, b=50), narrow=narrow
    )


def rank_heatmap(data: ReportData) -> go.Figure:
    """Lens ranks of the edition's councils ranked overall (rows by overall rank)."""
    title = f"Lens ranks of every council ranked overall, {data.edition} edition (green = most productive)"
    league = data.league()
    if league.empty:
        return _empty(title, "no council is ranked overall")
    z = league[data.lens_ids].astype("float").where(league[data.lens_ids].notna(), None)
    labels = [f"{int(rank)}. {name}" for rank, name in zip(league["overall_rank"], league["authority_name"])]
    names = [data.lens_names[l] for l in data.lens_ids]
    fig = go.Figure(
        go.Heatmap(
            z=z.values.tolist(),
            x=data.lens_ids,
            y=labels,
            customdata=[names] * len(labels),
            colorscale="RdYlGn",
            reversescale=True,
            colorbar=dict(title=dict(text="lens<br>rank"), thickness=12, len=320, lenmode="pixels", y=1, yanchor="top"),
            hovertemplate="%{y}<br>%{customdata}: lens rank %{z}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=9))
    fig.update_xaxes(
        side="top", tickangle=0, tickmode="array", tickvals=data.lens_ids, ticktext=[_wrap(name) for name in names]
    )
    # on a phone the six columns are narrow: lens names upright instead of wrapped side by side
    narrow = {
        "layout": {
            "xaxis": {"tickangle": -90, "ticktext": names, "tickfont": {"size": 10}},
            "margin": {"l": 10, "r": 10},
        },
        "traces": {"colorbar": {"thickness": 8}},
    }
    return _layout(
        fig, title, height=max(400, 16 * len(league) + 160), margin=dict(l=10, r=20, t=20, b=20), narrow=narrow
    )


def _wrap(text: str, width: int = 16) -> str:
    """Axis label broken over lines of about width characters."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def financial_grip(data: ReportData) -> go.Figure:
    """Budget variance (total service expenditure, the edition's outturn year) against overall rank."""
    title = f"Spending against budget, by overall rank ({data.edition} edition)"
    league = data.league()
    if data.grip.empty or league.empty:
        return _empty(title, "no financial grip data or no council ranked overall")
    year = None
    if not data.grip_summary.empty:
        years = data.grip_summary.loc[data.grip_summary["edition"] == data.edition, "financial_year"]
        year = years.iloc[0] if len(years) else None
    grip = data.grip[(data.grip["service"] == "total")]
    if year is not None:
        grip = grip[grip["financial_year"] == year]
    else:  # no summary: the latest year with variances
        year = grip["financial_year"].max()
        grip = grip[grip["financial_year"] == year]
    rows = league.merge(
        grip[["authority_code", "variance_pct", "budget_gbp_k", "outturn_gbp_k"]], on="authority_code", how="inner"
    )
    rows = rows[rows["variance_pct"].notna()]
    title = f"Spending against budget in {year}, by overall rank ({data.edition} edition)"
    if rows.empty:
        return _empty(title, f"no total-service variance for {year}")
    worst_cut = league["overall_rank"].max() - 30
    cohort = pd.Series("other councils", index=rows.index)
    cohort[rows["overall_rank"] > worst_cut] = "worst 30"
    cohort[rows["overall_rank"] <= 10] = "top 10"
    cohort[rows["is_most_improved"].fillna(False).astype(bool)] = "most improved"
    colours = {"top 10": "#1a9850", "most improved": HIGHLIGHT, "worst 30": "#4575b4", "other councils": GREY}
    fig = go.Figure()
    for name, colour in colours.items():
        part = rows[cohort == name]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["overall_rank"],
                y=part["variance_pct"],
                mode="markers",
                name=name,
                marker=dict(size=8, color=colour, line=dict(width=0.5, color="#333")),
                text=part["authority_name"],
                customdata=list(zip(part["budget_gbp_k"].round(0), part["outturn_gbp_k"].round(0))),
                hovertemplate="<b>%{text}</b><br>overall rank %{x}<br>variance %{y:.1f}%"
                "<br>budget £%{customdata[0]:,}k, outturn £%{customdata[1]:,}k<extra></extra>",
            )
        )
    fig.add_hline(y=0, line=dict(color="#444", width=1))
    fig.update_xaxes(title="overall rank (1 = most productive)")
    # short enough for the plot's height: the definition is in the section's note
    fig.update_yaxes(title="outturn against budget (%; + = overspend)")
    return _layout(fig, title, height=440, narrow={"layout": LEGEND_BELOW})


def rank_intervals(data: ReportData) -> go.Figure:
    """Overall rank of the edition's ranked councils with the 90% interval of the Monte Carlo runs (error bars).

    The bar of a council spans rank_p05 to rank_p95 of fct_rank_uncertainty around its median rank over
    the runs; a diamond marks the published rank (which need not lie at the median).
    """
    title = (
        f"Overall rank of each council and its 90% interval over the method's judgement calls ({data.edition} edition)"
    )
    league = data.league()
    rows = league[league["rank_p05"].notna()] if "rank_p05" in league else league.head(0)
    if rows.empty:
        return _empty(title, "no rank intervals for this edition")
    intervals = data.overall_intervals().set_index("authority_code")
    median = rows["authority_code"].map(intervals["median_rank"]).astype(float)
    p05, p95 = rows["rank_p05"].astype(float), rows["rank_p95"].astype(float)
    labels = [f"{int(rank)}. {name}" for rank, name in zip(rows["overall_rank"], rows["authority_name"])]
    customdata = list(zip(p05.astype(int), p95.astype(int), rows["overall_rank"].astype(int)))
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=median.tolist(),
            y=labels,
            mode="markers",
            name="median rank over the runs, bar = 90% interval",
            marker=dict(size=6, color=ACCENT),
            customdata=customdata,
            error_x=dict(
                type="data",
                symmetric=False,
                array=(p95 - median).tolist(),
                arrayminus=(median - p05).tolist(),
                color=ACCENT,
                thickness=1.5,
                width=2,
            ),
            hovertemplate="<b>%{y}</b><br>median rank over the runs %{x}<br>90% interval %{customdata[0]}"
            "-%{customdata[1]}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=rows["overall_rank"].astype(int).tolist(),
            y=labels,
            mode="markers",
            name="published rank",
            marker=dict(size=6, symbol="diamond", color=HIGHLIGHT),
            hovertemplate="<b>%{y}</b><br>published rank %{x}<extra></extra>",
        )
    )
    # an explicit category range: the first council sits right under the axis (autorange left an empty band)
    fig.update_yaxes(tickfont=dict(size=9), type="category", range=[len(labels) - 0.5, -0.5])
    fig.update_xaxes(
        title="overall rank (1 = most productive)",
        side="top",
        range=[0, float(max(p95.max(), rows["overall_rank"].max())) + 3],
    )
    # the legend is in words in the section note (a legend on a 150-row chart would sit far from the top)
    return _layout(
        fig,
        title,
        height=max(300, 14 * len(rows) + 70),
        margin=dict(l=10, r=20, t=10, b=10),
        showlegend=False,
        narrow={
            "layout": {
                "margin": {"r": 10},
                "xaxis": {"title": {"text": "overall rank (1 = best)"}},
                "yaxis": {"tickfont": {"size": 8}},
            }
        },
    )


def other_editions(data: ReportData) -> list[int]:
    """The editions besides the report's own that the edition selector offers charts for."""
    return [e for e in data.editions if e != data.edition]


def all_figures(data: ReportData, progress=None) -> dict[str, go.Figure]:
    """Every global chart of the report, by element id; the lens scatters of the other editions as
    ``scatter-<lens>@<edition>`` (drawn when the reader picks that edition)."""
    steps = [(f"scatter-{lens_id}", lambda lens_id=lens_id: lens_scatter(data, lens_id)) for lens_id in data.lens_ids]
    steps += [
        (f"scatter-{lens_id}@{edition}", lambda lens_id=lens_id, edition=edition: lens_scatter(data, lens_id, edition))
        for edition in other_editions(data)
        for lens_id in data.lens_ids
    ]
    if has_intervals(data):
        steps.append(("intervals", lambda: rank_intervals(data)))
    steps += [
        ("slope", lambda: rank_slope(data)),
        ("heatmap", lambda: rank_heatmap(data)),
        ("grip", lambda: financial_grip(data)),
    ]
    figures = {}
    for name, make in steps:
        figures[name] = make()
        if progress:
            progress(f"chart {name}")
    return figures


def has_intervals(data: ReportData) -> bool:
    """True when the warehouse holds overall rank intervals for the report's edition."""
    return not data.overall_intervals().empty


def chart_count(data: ReportData) -> int:
    return len(data.lens_ids) * (1 + len(other_editions(data))) + 3 + int(has_intervals(data))
