"""Harms: which harms the articles warn about, how often they are reported, and reports by year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import labels as L
from .common import MAX_ROWS, base, empty, esc, esc_all, wrap

MENTION_CUE = {
    "warns": ("circle", L.BLUE, "warns of it"),
    "downplays": ("triangle-down", L.PURPLE, "mentions it only to deny or minimise it"),
    "": ("x-thin-open", L.VERMILION, "never mentions it"),
}


def mentioned_vs_reported(
    mentions: pd.DataFrame, articles: pd.DataFrame, title: str = "Which harms do the articles warn about?"
) -> go.Figure:
    """A grid of harms (rows, most severe first) by articles (columns): warns, downplays or silent.

    Draws at most ``MAX_ROWS`` harms, the first (most severe) ones; the title
    says so when there are more.
    """
    if mentions.empty:
        return empty(title)
    if len(mentions) > MAX_ROWS:
        title = f"{title} (the {MAX_ROWS} most severe of {len(mentions):,})"
        mentions = mentions.head(MAX_ROWS)
    art_ids = [a for a in articles["id"] if a in mentions.columns]
    art_label = dict(zip(articles["id"], articles["label"]))
    fig = go.Figure()
    row_label = [esc(f"{h} ({s})") for h, s in zip(mentions["harm"], mentions["severity_label"])]
    for stance, (symbol, colour, words) in MENTION_CUE.items():
        xs, ys, custom = [], [], []
        for (_, row), rl in zip(mentions.iterrows(), row_label):
            for a in art_ids:
                if row[a] == stance:
                    xs.append(a)
                    ys.append(rl)
                    custom.append((row["harm_id"], esc(art_label.get(a, a))))
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="markers", name=f"{'●▼✕'[list(MENTION_CUE).index(stance)]} {words[0].upper() + words[1:]}",
                marker=dict(symbol=symbol, color=colour, size=15, line=dict(width=2, color=colour)),
                customdata=custom, hovertemplate="%{y}<br>%{x} · %{customdata[1]}: " + words + "<extra></extra>",
            )
        )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None, type="category", categoryorder="array", categoryarray=row_label)
    # Each column names its article, not only its id (A0 means nothing to a reader).
    fig.update_xaxes(
        title="Article", side="top", type="category", categoryorder="array", categoryarray=art_ids,
        tickmode="array", tickvals=art_ids, ticktext=[f"{esc(a)}<br>{wrap(art_label.get(a, a), 16)}" for a in art_ids],
    )  # fmt: skip
    fig.update_layout(legend=dict(orientation="h", y=-0.02, x=0))
    return base(fig, title, height=max(300, 30 * len(mentions) + 180))


UNIT_AXIS = {
    "percent": "Percent of the group",
    "count": "Count",
    "ratio": "Ratio (odds ratio or fold change)",
    "percent_change": "Percent change over the period",
}


def figure_panel(figs: pd.DataFrame, kind_label: str) -> go.Figure:
    """Bars for figures of ONE kind of data and ONE unit, each labelled with its denominator.

    Different kinds of data, or percentages and counts, are never drawn on one
    axis: the caller makes one panel per kind and unit, and this builder refuses
    mixed input.
    """
    kinds, units = set(figs["data_kind"]), set(figs["unit"])
    if len(kinds) > 1:
        raise ValueError(f"figure_panel got several kinds of data: {sorted(kinds)}")
    if len(units) > 1:
        raise ValueError(f"figure_panel got several units: {sorted(units)}")
    unit = next(iter(units), "count")
    title = f"{kind_label}: {UNIT_AXIS[unit].lower()}"
    if figs.empty:
        return empty(title)
    if len(figs) > MAX_ROWS:
        title = f"{title} (first {MAX_ROWS} of {len(figs):,}; all are in the table)"
        figs = figs.head(MAX_ROWS)
    labels = [
        wrap(f"{h} — {'n = ' + format(int(d), ',') + ' ' if pd.notna(d) else ''}{dl} ({p})", 70)
        for h, d, dl, p in zip(figs["harm"], figs["denominator"], figs["denominator_label"], figs["period"])
    ]
    text = [L.figure_value(v, unit) for v in figs["value"]]
    colours = [L.BLUE if v == "primary_record" else L.ORANGE for v in figs["verification"]]
    patterns = ["" if v == "primary_record" else "/" for v in figs["verification"]]
    fig = go.Figure(
        go.Bar(
            # Bars are keyed by figure id so two figures with the same label stay two bars.
            y=figs["id"], x=figs["value"], orientation="h", text=text, textposition="outside", cliponaxis=False, showlegend=False,
            marker=dict(color=colours, pattern=dict(shape=patterns)),
            customdata=list(
                zip(figs["id"], esc_all(figs["source_label"]), esc_all(figs["period"]), esc_all(figs["place"]), figs["verification"].map(L.VERIFICATION))
            ),
            hovertext=labels,
            hovertemplate="%{hovertext}<br><b>%{text}</b><br>%{customdata[1]} · %{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None, tickfont=dict(size=12), tickvals=list(figs["id"]), ticktext=labels)
    fig.update_xaxes(title=UNIT_AXIS[unit], rangemode="tozero")
    if unit == "percent":
        fig.update_xaxes(range=[0, max(100.0, float(figs["value"].max()) * 1.15)])
    fig = base(fig, title, height=max(240, 46 * len(figs) + 140))
    fig.update_layout(margin=dict(r=80))  # room for the value printed past the longest bar
    return fig


def kind_panels(figs: pd.DataFrame, kind_label: str) -> go.Figure:
    """Figures of ONE kind of data as one figure: a panel per unit, stacked, each on its own x axis.

    Each panel is built by :func:`figure_panel` (so mixed kinds or units in a
    panel are refused) and keeps its own axis: a percentage and a count never
    share a scale. One figure instead of one per unit saves the browser a
    chart's worth of drawing for every extra unit.
    """
    if len(set(figs["data_kind"])) > 1:
        raise ValueError(f"kind_panels got several kinds of data: {sorted(set(figs['data_kind']))}")
    title = f"{kind_label}: one panel per unit"
    if figs.empty:
        return empty(title)
    units = [u for u in UNIT_AXIS if u in set(figs["unit"])] + sorted(set(figs["unit"]) - set(UNIT_AXIS))
    panels = [figure_panel(figs[figs["unit"] == u], kind_label) for u in units]
    if len(panels) == 1:
        return panels[0]
    from plotly.subplots import make_subplots

    gap = 120  # pixels between panels: room for one panel's axis title and the next one's heading
    heights = [p.layout.height - 140 for p in panels]
    total = sum(heights) + gap * (len(panels) - 1)
    fig = make_subplots(
        rows=len(panels), cols=1, row_heights=heights, vertical_spacing=gap / total,
        subplot_titles=[p.layout.title.text for p in panels],
    )  # fmt: skip
    for row, panel in enumerate(panels, 1):
        fig.add_trace(panel.data[0], row=row, col=1)
        for axis, update in (("yaxis", fig.update_yaxes), ("xaxis", fig.update_xaxes)):
            settings = {k: v for k, v in panel.layout[axis].to_plotly_json().items() if k not in ("domain", "anchor")}
            update(settings, row=row, col=1)
    fig.update_annotations(xanchor="left", x=0, font=dict(size=16))
    fig = base(fig, title, height=total + 140)
    fig.update_layout(margin=dict(r=80), showlegend=False)
    return fig


def counts_by_year(series: pd.DataFrame, title: str = "How many exposures were reported to poison centres each year?") -> go.Figure:
    """One line per source of yearly counts; different sources are never joined into one line."""
    if series.empty:
        return empty(title, "No yearly counts to show: the data has none, or none match the current filters.")
    fig = go.Figure()
    symbols = ["circle", "square", "diamond", "triangle-up", "x"]
    colours = [L.BLUE, L.VERMILION, L.GREEN, L.PURPLE, L.ORANGE]
    for i, (source, part) in enumerate(series.groupby("source_label", sort=False)):
        part = part.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=part["year"], y=part["value"], mode="lines+markers+text", name=wrap(source, 40),
                text=[f"{v:,.0f}" for v in part["value"]], textposition="top center",
                marker=dict(symbol=symbols[i % len(symbols)], size=11, color=colours[i % len(colours)]),
                line=dict(dash="dot", color=colours[i % len(colours)]),
                customdata=list(zip(part["id"], esc_all(part["denominator_label"]))),
                hovertemplate="%{x}: %{y:,} — %{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_xaxes(title="Year", dtick=1)
    fig.update_yaxes(title="Exposures reported (count)", rangemode="tozero")
    return base(fig, title, height=420)
