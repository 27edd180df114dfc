"""Harms: which harms the articles warn about, how often they are reported, and reports by year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import labels as L
from .. import marks
from .common import AXIS_BELOW, MAX_ROWS, ROW_MARK, add_row_labels, base, empty, esc, label_rows, plain, wrap

MENTION_CUE = {
    "warns": ("circle", L.BLUE, "warns of it"),
    "downplays": ("triangle-down", L.PURPLE, "mentions it only to deny or minimise it"),
    "": ("x-thin-open", L.VERMILION, "never mentions it"),
}


def mentioned_vs_reported(
    mentions: pd.DataFrame, articles: pd.DataFrame, title: str = "Which harms do the articles warn about?"
) -> go.Figure:
    """A grid of harms (rows, most severe first, each named above its row) by articles (columns):
    warns, downplays or silent.

    Draws at most ``MAX_ROWS`` harms, the first (most severe) ones; the title
    says so when there are more. Each mark's customdata[0] is a ``harm`` mark.
    """
    if mentions.empty:
        return empty(title)
    if len(mentions) > MAX_ROWS:
        title = f"{title} (the {MAX_ROWS} most severe of {len(mentions):,})"
        mentions = mentions.head(MAX_ROWS)
    art_ids = [a for a in articles["id"] if a in mentions.columns]
    art_label = dict(zip(articles["id"], articles["label"]))
    xpos = {a: i for i, a in enumerate(art_ids)}
    wrapped, row_px = label_rows([f"{h} ({s})" for h, s in zip(mentions["harm"], mentions["severity_label"])])
    fig = go.Figure()
    for stance, (symbol, colour, words) in MENTION_CUE.items():
        xs, ys, custom = [], [], []
        for _, row in mentions.iterrows():
            for a in art_ids:
                if row[a] == stance:
                    xs.append(xpos[a])
                    ys.append(row["harm_id"])
                    custom.append((marks.encode("harm", row["harm_id"]), esc(art_label.get(a, a)), esc(a), esc(row["harm"])))
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="markers", name=f"{'●▼✕'[list(MENTION_CUE).index(stance)]} {words[0].upper() + words[1:]}",
                marker=dict(symbol=symbol, color=colour, size=14, line=dict(width=2, color=colour)),
                customdata=custom, hovertemplate="%{customdata[3]}<br>%{customdata[2]} · %{customdata[1]}: " + words + "<extra></extra>",
            )
        )  # fmt: skip
    add_row_labels(fig, list(mentions["harm_id"]), wrapped)
    # Each column names its article, not only its id (A0 means nothing to a reader).
    fig.update_xaxes(
        title=None, side="top", type="linear", range=[-0.5, len(art_ids) - 0.5], tickmode="array", tickvals=list(range(len(art_ids))),
        ticktext=[f"{esc(a)}<br>{wrap(art_label.get(a, a), 12)}" for a in art_ids], tickfont=dict(size=12), showgrid=True,
        gridcolor="#eeeeee", zeroline=False,
    )  # fmt: skip
    return base(fig, title, plot_height=row_px * len(mentions) + 30, top=110)


UNIT_AXIS = {
    "percent": "Percent of the group",
    "count": "Count",
    "ratio": "Ratio (odds ratio or fold change)",
    "percent_change": "Percent change over the period",
}
PANEL_BARS = 15  # bars per panel; the rest are in the table under the chart
PANEL_HEADING_WRAP = 40  # characters per line of a panel's heading (16 px type on a phone)


def _denominator(d, label) -> str:
    return f"n = {int(d):,} {label}".strip() if pd.notna(d) else "no denominator"


def bar_labels(figs: pd.DataFrame) -> list[str]:
    """One label per figure, each with its denominator ("n = …" or "no denominator"), made distinct.

    A label is the harm, period, place and denominator (and what it counts); where two figures would
    still read the same, the source is added, then the figure's id.
    """
    labels = [
        f"{h} · {p}, {pl} · {_denominator(d, dl)}"
        for h, p, pl, d, dl in zip(figs["harm"], figs["period"], figs["place"], figs["denominator"], figs["denominator_label"])
    ]
    for extra in (figs["source_label"], figs["id"]):
        seen = pd.Series(labels).duplicated(keep=False)
        labels = [f"{lab} · {x}" if dup else lab for lab, dup, x in zip(labels, seen, extra)]
    return labels


def figure_panel(figs: pd.DataFrame, kind_label: str) -> go.Figure:
    """Bars for figures of ONE kind of data and ONE unit, each labelled (above its bar) with its denominator.

    Different kinds of data, or percentages and counts, are never drawn on one
    axis: the caller makes one panel per kind and unit, and this builder refuses
    mixed input. At most ``PANEL_BARS`` bars, the largest values; the title says
    how many more are left to the table.
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
    if len(figs) > PANEL_BARS:
        title = f"{title} (the {PANEL_BARS} largest of {len(figs):,}; {len(figs) - PANEL_BARS:,} more in the table)"
        figs = figs.sort_values("value", ascending=False, kind="stable").head(PANEL_BARS)
    labels = bar_labels(figs)
    wrapped, row_px = label_rows(labels)
    text = [L.figure_value(v, unit) for v in figs["value"]]
    colours = [L.BLUE if v == "primary_record" else L.ORANGE for v in figs["verification"]]
    patterns = ["" if v == "primary_record" else "/" for v in figs["verification"]]
    fig = go.Figure(
        go.Bar(
            # Bars are keyed by figure id so two figures with the same label stay two bars.
            y=list(figs["id"]), x=figs["value"], orientation="h", text=text, textposition="outside", cliponaxis=False, showlegend=False,
            width=ROW_MARK / row_px, marker=dict(color=colours, pattern=dict(shape=patterns)),
            customdata=list(
                zip(
                    [marks.encode("figure", i) for i in figs["id"]], [esc(x) for x in figs["source_label"]], [esc(x) for x in figs["period"]],
                    [esc(x) for x in figs["place"]], figs["verification"].map(L.VERIFICATION), [esc(x) for x in figs["denominator_label"]],
                )
            ),
            hovertext=wrapped,
            hovertemplate="%{hovertext}<br><b>%{text}</b><br>%{customdata[5]}<br>%{customdata[1]} · %{customdata[2]} · %{customdata[3]}"
            "<br>%{customdata[4]}<extra></extra>",
        )
    )  # fmt: skip
    add_row_labels(fig, list(figs["id"]), wrapped)
    fig.update_xaxes(title=UNIT_AXIS[unit], rangemode="tozero")
    if unit == "percent":
        fig.update_xaxes(range=[0, max(100.0, float(figs["value"].max()) * 1.15)])
    fig = base(fig, title, plot_height=row_px * len(figs) + 20, bottom=AXIS_BELOW)
    fig.update_layout(margin=dict(r=56))  # room for the value printed past the longest bar
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

    # The panels' headings, wrapped for a phone (16 px type); the gap between two panels holds
    # one panel's axis and the next one's heading.
    headings = [wrap(plain(p.layout.title.text), PANEL_HEADING_WRAP) for p in panels]
    gap = AXIS_BELOW + 20 * max(h.count("<br>") + 1 for h in headings) + 16
    heights = [p.layout.height - p.layout.margin.t - p.layout.margin.b for p in panels]
    total = sum(heights) + gap * (len(panels) - 1)
    fig = make_subplots(rows=len(panels), cols=1, row_heights=heights, vertical_spacing=gap / total, subplot_titles=headings)
    fig.update_annotations(xanchor="left", x=0, align="left", font=dict(size=16))
    for row, panel in enumerate(panels, 1):
        for trace in panel.data:
            fig.add_trace(trace, row=row, col=1)
        for axis, update in (("yaxis", fig.update_yaxes), ("xaxis", fig.update_xaxes)):
            settings = {k: v for k, v in panel.layout[axis].to_plotly_json().items() if k not in ("domain", "anchor")}
            update(settings, row=row, col=1)
        suffix = "" if row == 1 else str(row)
        for ann in panel.layout.annotations:  # the row labels, moved onto this panel's axes
            fig.add_annotation(ann.update(xref=f"x{suffix} domain", yref=f"y{suffix}"))
    fig.layout.meta = {"label_px": sum((p.layout.meta or {}).get("label_px", 0) for p in panels)}
    fig = base(fig, title, plot_height=total, top=30, bottom=AXIS_BELOW)
    fig.update_layout(margin=dict(r=56), showlegend=False)
    return fig


def counts_by_year(series: pd.DataFrame, title: str = "How many exposures were reported to poison centres each year?") -> go.Figure:
    """One line per source of yearly counts; different sources are never joined into one line,
    and a line is broken where its source reports no figure for a year (nothing is drawn across it)."""
    if series.empty:
        return empty(title, "No yearly counts to show: the data has none, or none match the current filters.")
    fig = go.Figure()
    symbols = ["circle", "square", "diamond", "triangle-up", "x"]
    colours = [L.BLUE, L.VERMILION, L.GREEN, L.PURPLE, L.ORANGE]
    for i, (source, part) in enumerate(series.groupby("source_label", sort=False)):
        part = part.sort_values("year").drop_duplicates("year")
        by_year = part.set_index("year")
        years = list(range(int(part["year"].min()), int(part["year"].max()) + 1))
        values = [float(by_year.at[y, "value"]) if y in by_year.index else None for y in years]
        fig.add_trace(
            go.Scatter(
                x=years, y=values, mode="lines+markers+text", name=wrap(source, 40), connectgaps=False,
                text=[f"{v:,.0f}" if v is not None else "" for v in values], textposition="top center",
                marker=dict(symbol=symbols[i % len(symbols)], size=11, color=colours[i % len(colours)]),
                line=dict(dash="dot", color=colours[i % len(colours)]),
                customdata=[
                    (marks.encode("figure", by_year.at[y, "id"]), esc(by_year.at[y, "denominator_label"])) if y in by_year.index else (None, "")
                    for y in years
                ],
                hovertemplate="%{x}: %{y:,} — %{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    # Every year up to eight of them; beyond that every other year, so a phone or a slide keeps the years apart.
    span = int(series["year"].max()) - int(series["year"].min()) + 1
    fig.update_xaxes(title="Year", dtick=1 if span <= 6 else 2, tickformat="d", tickfont=dict(size=12))
    # room above the highest point for its number: plotly clips text at the plot's edge ("682" lost its top)
    top = float(series["value"].max()) if len(series) else 0.0
    fig.update_yaxes(title="Exposures reported (count)", rangemode="tozero", range=[0, top * 1.15] if top > 0 else None)
    return base(fig, title, height=420, bottom=AXIS_BELOW)


def warnings_by_severity(mentions: pd.DataFrame, n_articles: int, title: str = "How many harms do the articles warn about?") -> go.Figure:
    """One bar per severity class (most severe first): its harms split into those at least one article
    warns of, those mentioned only to be denied or minimised, and those no article mentions.

    A summary of :func:`mentioned_vs_reported` small enough for a projector slide; summary
    rows ("any adverse effect") are left out. Each segment's customdata[0] is a ``bar`` mark
    (severity, stance) and its text the number of harms.
    """
    rows = mentions[~mentions["summary_row"].astype(bool)] if "summary_row" in mentions else mentions
    if rows.empty:
        return empty(title)
    stance = pd.Series("", index=rows.index)
    stance[rows["n_downplay"] > 0] = "downplays"
    stance[rows["n_articles"] > 0] = "warns"  # a warning in any article counts, whatever the others say
    order = [s for s in reversed(L.SEVERITY) if s in set(rows["severity"])]  # most severe first
    names = {s: L.SEVERITY[s] for s in order}
    # short names: on a slide the legend must stay one row, or the bars get no room
    labels = {"warns": "Warned of", "downplays": "Only denied or minimised", "": "Never mentioned"}
    title = f"{title} (warned of: in at least one of the {n_articles} articles)"
    fig = go.Figure()
    for key, (_, colour, _words) in MENTION_CUE.items():
        counts = [int(((rows["severity"] == s) & (stance == key)).sum()) for s in order]
        fig.add_trace(
            go.Bar(
                y=[names[s] for s in order], x=counts, orientation="h", name=labels[key], marker=dict(color=colour),
                text=[str(c) if c else "" for c in counts], textposition="inside", insidetextanchor="middle", textangle=0,
                customdata=[(marks.encode("bar", s, key or "silent"), c) for s, c in zip(order, counts)],
                hovertemplate="%{y}: %{x} harm(s)<extra>" + esc(labels[key]) + "</extra>",
            )
        )  # fmt: skip
    fig.update_layout(barmode="stack")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[names[s] for s in reversed(order)], title=None)
    fig.update_xaxes(title="Harms", showgrid=True, gridcolor="#eeeeee")
    return base(fig, title, height=360, bottom=AXIS_BELOW)
