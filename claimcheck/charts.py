"""Figure builders: one already-filtered DataFrame in, one ``go.Figure`` out.

Each builder answers one question (its title), draws colour together with a
second channel (marker symbol, pattern or text), and puts the id of the record
behind each mark in ``customdata[0]`` so a page can open it on selection.
None of them reads files, widgets or session state.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from . import labels as L
from .freshness import MAX_AGE_DAYS, is_overdue

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=15)
EMPTY_NOTE = "Nothing matches the current filters."


def _base(fig: go.Figure, title: str, height: int = 460) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=19)),
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(title=None),
        plot_bgcolor="white",
        hoverlabel=dict(font_size=14, align="left"),
    )
    return fig


def _empty(title: str, note: str = EMPTY_NOTE) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=note, showarrow=False, font=dict(size=16), x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base(fig, title, height=220)


def esc(text: object) -> str:
    """Data text made inert for plotly, which renders <a href>, <br>, <b>, <span style> in labels and hovers.

    ``<``, ``>`` and ``&`` become entities (plotly shows them as the characters),
    so text from the data can never become a link, a line break or styling.
    Every label, hover text and category that comes from the data passes here.
    """
    return html.escape(str(text if text is not None else ""), quote=False)


def _esc_all(values) -> list[str]:
    return [esc(v) for v in values]


def _wrap(text: str, width: int = 60) -> str:
    """Data text escaped (see :func:`esc`) and wrapped with plotly's <br>."""
    return "<br>".join(esc(line) for line in textwrap.wrap(str(text), width)) or ""


MAX_MARKS = 300  # above this, claims that share a cell and a verdict are drawn as one mark
MAX_ROWS = 60  # rows of a grid, or bars of a panel, before the rest are left to the table


def _hype_axes(fig: go.Figure) -> None:
    # Below the diagonal the wording is surer than the evidence: shade it.
    fig.add_trace(
        go.Scatter(
            x=[0.5, 4.5, 4.5], y=[-0.5, -0.5, 4.5], fill="toself", mode="none", fillcolor="rgba(213,94,0,0.07)",
            name="Shaded: sounds surer than the evidence (hype gap)", hoverinfo="skip",
        )
    )  # fmt: skip
    # Where wording matches evidence: absolute wording needs high certainty.
    fig.add_trace(
        go.Scatter(
            x=[0.5, 4.5], y=[-0.5, 4.5], mode="lines", line=dict(color=L.GREY, dash="dash"),
            name="Wording matches evidence", hoverinfo="skip",
        )
    )  # fmt: skip
    fig.update_xaxes(
        title="How sure the article sounds →", range=[0.5, 4.5], tickvals=[1, 2, 3, 4],
        ticktext=[L.ASSERTIVENESS[k] for k in L.ASSERTIVENESS_RANK], showgrid=True, gridcolor="#eeeeee",
    )  # fmt: skip
    fig.update_yaxes(
        title="Certainty of the human evidence →", range=[-0.5, 4.5], tickvals=[0, 1, 2, 3, 4],
        ticktext=[L.CERTAINTY[k] for k in L.CERTAINTY_RANK], showgrid=True, gridcolor="#eeeeee",
    )  # fmt: skip


def hype_gap(claims: pd.DataFrame, title: str = "How sure do the articles sound, and how sure is the evidence?") -> go.Figure:
    """Assertiveness of the wording (x) against certainty of the human evidence (y), one mark per claim.

    With more than ``MAX_MARKS`` claims, claims sharing a cell and a verdict
    become one mark sized and labelled by their number, whose customdata[0] is
    ``cell:<assertiveness>|<certainty>|<verdict>`` (see :func:`cell_claims`).
    """
    rated = claims.dropna(subset=["certainty_rank", "assertiveness_rank"])
    if rated.empty:
        return _empty(title)
    fig = go.Figure()
    _hype_axes(fig)
    if len(rated) > MAX_MARKS:
        cells = (
            rated.groupby(["assertiveness", "certainty", "verdict"], sort=False)
            .agg(
                n=("id", "size"),
                a=("assertiveness_rank", "first"),
                c=("certainty_rank", "first"),
                ids=("id", lambda s: ", ".join(s.head(6))),
            )
            .reset_index()
        )
        for k, (verdict_key, verdict) in enumerate((v, lab) for v, lab in L.VERDICT.items() if v):
            part = cells[cells["verdict"] == verdict_key]
            if part.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=part["a"] + (k - 2) * 0.14, y=part["c"], mode="markers+text", name=verdict, text=part["n"], textposition="top center",
                    marker=dict(
                        color=L.VERDICT_COLOUR[verdict], symbol=L.VERDICT_SYMBOL[verdict], line=dict(color="#333333", width=1),
                        size=10 + 28 * (part["n"] / cells["n"].max()) ** 0.5,
                    ),
                    customdata=[(f"cell:{a}|{c}|{verdict_key}", n, ids) for a, c, n, ids in zip(part["assertiveness"], part["certainty"], part["n"], part["ids"])],
                    hovertemplate="<b>%{customdata[1]} claims</b> · " + verdict + "<br>for example %{customdata[2]}<extra></extra>",
                )
            )  # fmt: skip
        return _base(fig, f"{title} ({len(rated):,} claims, grouped by cell)", height=520)
    # Spread marks that share a cell so every claim stays visible and clickable.
    offsets = rated.groupby(["assertiveness_rank", "certainty_rank"]).cumcount()
    sizes = rated.groupby(["assertiveness_rank", "certainty_rank"])["id"].transform("size")
    per_row = 6
    dx = ((offsets % per_row) - (sizes.clip(upper=per_row) - 1) / 2) * 0.12
    dy = ((offsets // per_row) - ((sizes - 1) // per_row) / 2) * 0.17
    for verdict in L.VERDICT_COLOUR:
        part = rated[rated["verdict_label"] == verdict]
        if part.empty:
            continue
        idx = part.index
        fig.add_trace(
            go.Scatter(
                x=part["assertiveness_rank"] + dx[idx],
                y=part["certainty_rank"] + dy[idx],
                mode="markers",
                name=verdict,
                marker=dict(
                    color=L.VERDICT_COLOUR[verdict],
                    symbol=L.VERDICT_SYMBOL[verdict],
                    size=10 + 5 * part["n_articles"].clip(upper=5),
                    line=dict(color="#333333", width=1),
                ),
                customdata=list(zip(part["id"], part["first_quote"].map(_wrap), part["statement"].map(_wrap), part["n_articles"])),
                hovertemplate="<b>%{customdata[0]}</b> · " + verdict + "<br>%{customdata[2]}<br><br>"
                "<i>“%{customdata[1]}”</i><br>Made by %{customdata[3]} article(s)<extra></extra>",
            )
        )
    return _base(fig, title, height=520)


def cell_claims(claims: pd.DataFrame, cell: str) -> pd.DataFrame:
    """The claims behind one grouped mark of :func:`hype_gap` (``cell:<a>|<c>|<verdict>``)."""
    try:
        a, c, verdict = cell.removeprefix("cell:").split("|")
    except ValueError:
        return claims.iloc[0:0]
    return claims[(claims["assertiveness"] == a) & (claims["certainty"] == c) & (claims["verdict"] == verdict)]


def claims_by_article(counts: pd.DataFrame, title: str = "Which article claims what?") -> go.Figure:
    """Stacked bars: number of claims per article, split by claim type (colour and pattern)."""
    if counts.empty:
        return _empty(title)
    totals = counts.groupby("type_label")["claims"].sum()
    types = [t for t in L.CLAIM_TYPE.values() if t in totals.index]
    patterns = ["", "/", "\\", "x", "-", "|", "+", "."]
    colours = [L.BLUE, L.ORANGE, L.GREEN, L.PURPLE, L.SKY, L.VERMILION, L.YELLOW, L.GREY]
    by = counts.groupby(["article", "article_label", "type_label"], sort=False)["claims"].sum().reset_index()
    fig = go.Figure()
    for i, t in enumerate(types):
        part = by[by["type_label"] == t]
        fig.add_trace(
            go.Bar(
                y=_esc_all(part["article_label"]), x=part["claims"], name=t, orientation="h",
                marker=dict(color=colours[i % len(colours)], pattern=dict(shape=patterns[i % len(patterns)])),
                customdata=[(f"{a}|{t}", t) for a, t in zip(part["article"], part["type_label"])], text=part["claims"], textposition="inside",
                hovertemplate="%{y}<br>%{customdata[1]}: %{x} claim(s)<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Number of claims", dtick=1 if by["claims"].max() < 10 else None)
    fig.update_yaxes(title=None, autorange="reversed")
    return _base(fig, title, height=max(260, 70 * by["article_label"].nunique() + 120))


def design_ladder(ladder: pd.DataFrame, title: str = "What kind of studies is the evidence made of?") -> go.Figure:
    """Horizontal bars, one per rung of the design ladder (strongest human evidence at the top)."""
    if ladder["studies"].sum() == 0:
        return _empty(title)
    colours = [L.BLUE if d in L.HUMAN_CONTROLLED else (L.GREY if d == "traditional" else L.SKY) for d in ladder["design"]]
    fig = go.Figure(
        go.Bar(
            y=ladder["design_label"], x=ladder["studies"], orientation="h", marker=dict(color=colours),
            text=ladder["studies"], textposition="outside", customdata=ladder[["design"]],
            hovertemplate="%{y}: %{x} stud(ies)<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Number of studies", rangemode="tozero")
    return _base(fig, title, height=420)


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
        return _empty(title)
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
        tickmode="array", tickvals=art_ids, ticktext=[f"{esc(a)}<br>{_wrap(art_label.get(a, a), 16)}" for a in art_ids],
    )  # fmt: skip
    fig.update_layout(legend=dict(orientation="h", y=-0.02, x=0))
    return _base(fig, title, height=max(300, 30 * len(mentions) + 180))


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
        return _empty(title)
    if len(figs) > MAX_ROWS:
        title = f"{title} (first {MAX_ROWS} of {len(figs):,}; all are in the table)"
        figs = figs.head(MAX_ROWS)
    labels = [
        _wrap(f"{h} — {'n = ' + format(int(d), ',') + ' ' if pd.notna(d) else ''}{dl} ({p})", 70)
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
                zip(figs["id"], _esc_all(figs["source_label"]), _esc_all(figs["period"]), _esc_all(figs["place"]), figs["verification"].map(L.VERIFICATION))
            ),
            hovertext=labels,
            hovertemplate="%{hovertext}<br><b>%{text}</b><br>%{customdata[1]} · %{customdata[2]} · %{customdata[3]}<br>%{customdata[4]}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None, tickfont=dict(size=12), tickvals=list(figs["id"]), ticktext=labels)
    fig.update_xaxes(title=UNIT_AXIS[unit], rangemode="tozero")
    if unit == "percent":
        fig.update_xaxes(range=[0, max(100.0, float(figs["value"].max()) * 1.15)])
    fig = _base(fig, title, height=max(240, 46 * len(figs) + 140))
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
        return _empty(title)
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
    fig = _base(fig, title, height=total + 140)
    fig.update_layout(margin=dict(r=80), showlegend=False)
    return fig


def counts_by_year(series: pd.DataFrame, title: str = "How many exposures were reported to poison centres each year?") -> go.Figure:
    """One line per source of yearly counts; different sources are never joined into one line."""
    if series.empty:
        return _empty(title, "No yearly counts to show: the data has none, or none match the current filters.")
    fig = go.Figure()
    symbols = ["circle", "square", "diamond", "triangle-up", "x"]
    colours = [L.BLUE, L.VERMILION, L.GREEN, L.PURPLE, L.ORANGE]
    for i, (source, part) in enumerate(series.groupby("source_label", sort=False)):
        part = part.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=part["year"], y=part["value"], mode="lines+markers+text", name=_wrap(source, 40),
                text=[f"{v:,.0f}" for v in part["value"]], textposition="top center",
                marker=dict(symbol=symbols[i % len(symbols)], size=11, color=colours[i % len(colours)]),
                line=dict(dash="dot", color=colours[i % len(colours)]),
                customdata=list(zip(part["id"], _esc_all(part["denominator_label"]))),
                hovertemplate="%{x}: %{y:,} — %{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_xaxes(title="Year", dtick=1)
    fig.update_yaxes(title="Exposures reported (count)", rangemode="tozero")
    return _base(fig, title, height=420)


def _checked_ago(last_checked: str, today: dt.date) -> str:
    """' (N days ago)', with an overdue mark past the legal table's re-check limit."""
    age = (today - dt.date.fromisoformat(last_checked)).days
    return f" ({age} days ago{', ⏳ overdue for a re-check' if is_overdue(age, MAX_AGE_DAYS['legality']) else ''})"


def legal_map(status: pd.DataFrame, region: str, title: str, local: pd.DataFrame | None = None, today=None) -> go.Figure:
    """Choropleth of legal status, with a status symbol at each jurisdiction so colour is not the only cue.

    Low-confidence entries carry a "?" beside their symbol. On the US map, a star
    marks each state with city or county rules (``local`` from
    :func:`claimcheck.domain.local_rules_by_state`).
    """
    if status.empty:
        return _empty(title)
    df = status.copy()
    df["status_label"] = df["status"].map(L.LEGAL_STATUS)
    mode = "USA-states" if region == "us" else "ISO-3"
    df["hover"] = [
        f"<b>{esc(n)}</b><br>{s} (confidence: {L.CONFIDENCE[c]})<br>{_wrap(i if isinstance(i, str) else '', 50)}<br>"
        f"From {esc(st) if isinstance(st, str) else 'date not verified'}" + (f" to {esc(en)}" if isinstance(en, str) else "")
        + f"<br>Source: {_wrap(u[0] if len(u) else 'none found', 60)}<br>Checked {esc(lc)}" + (_checked_ago(lc, today) if today else "")
        for n, s, c, i, st, en, lc, u in zip(
            df["name"], df["status_label"], df["confidence"], df["instrument"], df["start"], df["end"], df["last_checked"], df["source_urls"]
        )
    ]  # fmt: skip
    fig = go.Figure()
    for status_label, colour in L.LEGAL_STATUS_COLOUR.items():
        part = df[df["status_label"] == status_label]
        if part.empty:
            continue
        fig.add_trace(
            go.Choropleth(
                locations=part["code"], locationmode=mode, z=[1] * len(part),
                colorscale=[[0, colour], [1, colour]], showscale=False, name=status_label,
                marker=dict(line=dict(color="white", width=0.6)), customdata=part[["code"]],
                hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scattergeo(
                locations=part["code"], locationmode=mode, mode="markers+text", name=status_label,
                marker=dict(
                    symbol=L.LEGAL_STATUS_SYMBOL[status_label],
                    # open symbols take their colour from `color`; filled ones get a white fill and dark outline
                    color="#222222" if L.LEGAL_STATUS_SYMBOL[status_label].endswith("-open") else "white",
                    size=9, line=dict(color="#222222", width=1.5),
                ),
                text=["?" if c == "low" else "" for c in part["confidence"]], textposition="middle right",
                textfont=dict(size=13, color="#222222"),
                customdata=part[["code"]], hovertext=part["hover"], hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    if local is not None and not local.empty and region == "us":
        fig.add_trace(
            go.Scattergeo(
                locations=local["state"], locationmode="USA-states", mode="markers", name="★ City or county rules",
                marker=dict(symbol="star", size=15, color=L.YELLOW, line=dict(color="#222222", width=1)),
                customdata=local[["state"]], hovertext=_esc_all(local["summary"]),
                hovertemplate="<b>City or county rules</b><br>%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    geo = dict(scope="usa", showlakes=False) if region == "us" else dict(projection_type="natural earth", showcountries=True)
    fig.update_geos(showframe=False, **geo)
    fig.update_layout(legend=dict(orientation="h", y=-0.05, title="Status (symbol on each place; ? = low confidence)"))
    return _base(fig, title, height=520)


def timeline(events: pd.DataFrame, title: str = "When did the rules change?") -> go.Figure:
    """One row per jurisdiction, one mark per dated event; hover gives the event and its source."""
    if events.empty:
        return _empty(title)
    order = _esc_all(dict.fromkeys(events.sort_values("when")["place"]))
    fig = go.Figure(
        go.Scatter(
            x=events["when"], y=_esc_all(events["place"]), mode="markers", marker=dict(symbol="diamond", size=13, color=L.BLUE, line=dict(color="#222", width=1)),
            customdata=list(zip(events["id"], _esc_all(events["date"]), events["event"].map(lambda t: _wrap(t, 60)), _esc_all(events["link"].fillna("")))),
            hovertemplate="<b>%{y}</b> · %{customdata[1]}<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>", showlegend=False,
        )
    )  # fmt: skip
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, autorange="reversed", title=None)
    fig.update_xaxes(title="Date", showgrid=True, gridcolor="#eeeeee")
    return _base(fig, title, height=max(320, 30 * len(order) + 140))


def evidence_matrix(matrix: pd.DataFrame, title: str = "What kind of evidence exists for each topic, and where are the gaps?") -> go.Figure:
    """Topics (rows) by design ladder (columns): mark size = studies, colour and symbol = direction, grey squares = gaps.

    Each mark's customdata[0] is "topic|design", so a page can list the studies of a selected cell.
    """
    if matrix.empty:
        return _empty(title)
    designs = [L.DESIGN[d] for d in L.DESIGN_ORDER]
    topics = _esc_all(dict.fromkeys(matrix["topic_label"]))
    fig = go.Figure()
    gaps = matrix[matrix["studies"] == 0]
    fig.add_trace(
        go.Scatter(
            x=gaps["design"].map(L.DESIGN), y=_esc_all(gaps["topic_label"]), mode="markers", name="□ No study (gap)",
            marker=dict(symbol="square-open", size=16, color="#BBBBBB"),
            customdata=[(f"{t}|{d}", 0) for t, d in zip(gaps["topic"], gaps["design"])],
            hovertemplate="%{y} · %{x}: no study<extra></extra>",
        )
    )  # fmt: skip
    filled = matrix[matrix["studies"] > 0]
    offsets = {"supports": -0.24, "partly_supports": -0.08, "contradicts": 0.08, "no_bearing": 0.24}
    xpos = {d: i for i, d in enumerate(L.DESIGN_ORDER)}
    for direction, label in L.DIRECTION.items():
        part = filled[filled["direction"] == direction]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=[xpos[d] + offsets[direction] for d in part["design"]], y=_esc_all(part["topic_label"]), mode="markers", name=label,
                marker=dict(
                    symbol=L.DIRECTION_SYMBOL[label], color=L.DIRECTION_COLOUR[label], size=10 + 7 * part["studies"].clip(upper=6) ** 0.8,
                    line=dict(color="#333333", width=1),
                ),
                customdata=[(f"{t}|{d}", n) for t, d, n in zip(part["topic"], part["design"], part["studies"])],
                hovertemplate="%{y}<br>" + label + ": %{customdata[1]} stud(ies)<extra></extra>",
            )
        )  # fmt: skip
    fig.update_xaxes(
        type="linear", tickvals=list(range(len(designs))), ticktext=[_wrap(d, 14) for d in designs], range=[-0.6, len(designs) - 0.4],
        side="top", showgrid=True, gridcolor="#eeeeee", title=None,
    )  # fmt: skip
    # gap marks were placed by label; move them onto the numeric axis
    fig.data[0].x = [xpos[d] for d in gaps["design"]]
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=topics, autorange="reversed", title=None, showgrid=True, gridcolor="#eeeeee"
    )
    fig.update_layout(legend=dict(orientation="h", y=-0.02))
    fig = _base(fig, title, height=max(380, 42 * len(topics) + 240))
    fig.update_layout(margin=dict(t=150))  # room for the design labels above the grid
    return fig


def count_bars(counts: pd.DataFrame, title: str, colours: dict[str, str] | None = None, icons: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of counts per category, in the given order; colour plus an icon in the label."""
    if counts.empty or counts["n"].sum() == 0:
        return _empty(title)
    labels = [esc(f"{(icons or {}).get(c, '')} {c}".strip()) for c in counts["label"]]
    fig = go.Figure(
        go.Bar(
            y=labels, x=counts["n"], orientation="h", text=counts["n"], textposition="outside",
            marker=dict(color=[(colours or {}).get(c, L.BLUE) for c in counts["label"]], line=dict(color="#333333", width=1)),
            customdata=counts[["key"]], hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Number of claims", rangemode="tozero")
    return _base(fig, title, height=max(280, 56 * len(counts) + 120))


_TAG = __import__("re").compile(r"<[^>]+>")


def _as_list(v) -> list | None:
    if v is None:
        return None
    if isinstance(v, str):
        return None
    try:
        return list(v)
    except TypeError:
        return None


def _tick_lookup(axis) -> dict:
    vals, text = _as_list(axis.tickvals), _as_list(axis.ticktext)
    return dict(zip(vals, text)) if vals and text else {}


def _trace_ticks(fig: go.Figure, trace, axis: str) -> dict:
    """Tick labels of the axis a trace is drawn on: in stacked panels, trace.xaxis "x2" is layout.xaxis2."""
    if not hasattr(trace, f"{axis}axis"):  # maps have no x or y axis
        return {}
    name = getattr(trace, f"{axis}axis") or axis
    return _tick_lookup(fig.layout[f"{axis}axis{name[1:]}"])


def _on_tick(value, ticks: dict):
    # Marks may be nudged apart around a tick (see hype_gap): report the tick they belong to.
    if not ticks or value is None:
        return value
    if value in ticks:
        return ticks[value]
    try:
        nearest = min(ticks, key=lambda t: abs(float(t) - float(value)))
    except (TypeError, ValueError):
        return value
    return ticks[nearest] if abs(float(nearest) - float(value)) < 0.5 else value


def figure_table(fig: go.Figure, limit: int = 500) -> pd.DataFrame:
    """The data behind a figure as a plain table: the text alternative shown under every chart.

    One row per mark: its series, the id of the record behind it, its x and y
    (as the axis labels them) or its place, and its hover text without markup.
    """
    rows = []
    for tr in fig.data:
        xt, yt = _trace_ticks(fig, tr, "x"), _trace_ticks(fig, tr, "y")
        if tr.hoverinfo == "skip" or getattr(tr, "fill", None) == "toself":
            continue
        locs = _as_list(getattr(tr, "locations", None))
        xs, ys = _as_list(getattr(tr, "x", None)), _as_list(getattr(tr, "y", None))
        n = len(locs if locs is not None else xs if xs is not None else ys if ys is not None else [])
        hover = _as_list(getattr(tr, "hovertext", None))
        custom = _as_list(getattr(tr, "customdata", None))
        for i in range(n):
            cd = custom[i] if custom is not None and i < len(custom) else None
            ident = cd[0] if isinstance(cd, (list, tuple)) or hasattr(cd, "__len__") and not isinstance(cd, str) else cd
            rows.append(
                {
                    "Series": html.unescape(_TAG.sub(" ", tr.name or "")).strip(),
                    "Record": None if ident is None else str(ident),
                    "Place": locs[i] if locs is not None else None,
                    "x": _on_tick(xs[i], xt) if xs is not None and i < len(xs) else None,
                    "y": _on_tick(ys[i], yt) if ys is not None and i < len(ys) else None,
                    "Details": (html.unescape(_TAG.sub(" ", str(hover[i]))).strip() or None)
                    if hover is not None and i < len(hover)
                    else None,
                }
            )
        if len(rows) >= limit:
            break
    for r in rows:
        for k in ("x", "y"):
            if isinstance(r[k], str):
                r[k] = " ".join(html.unescape(_TAG.sub(" ", r[k])).split())
    df = pd.DataFrame(rows[:limit], columns=["Series", "Record", "Place", "x", "y", "Details"])
    return df.dropna(axis=1, how="all")
