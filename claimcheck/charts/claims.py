"""Claims: how sure the articles sound against the evidence, which article claims what, counts per category."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import labels as L
from .. import marks
from .common import AXIS_BELOW, MAX_MARKS, ROW_MARK, add_row_labels, base, empty, esc, label_rows, wrap


def hype_shade() -> tuple[list[float], list[float]]:
    """The shaded area: every whole cell whose certainty is below its wording's by more than one step
    (the claims :func:`claimcheck.story.hype_gap_claims` counts), as a staircase polygon.

    Whole cells, not the triangle under the diagonal: marks of one cell are spread side by
    side, and a triangle would take in the right half of every cell on the diagonal.
    """
    xs, ys = [0.5, 4.5], [-0.5, -0.5]
    for a in (4, 3, 2):  # the top of each column's shade, right to left: certainty ranks up to a - 2
        xs += [a + 0.5, a - 0.5]
        ys += [a - 1.5, a - 1.5]
    return xs + [1.5], ys + [-0.5]  # the first column has no rank below 0: down to the bottom edge


def _hype_axes(fig: go.Figure) -> None:
    # Below the diagonal the wording is surer than the evidence: shade those cells.
    xs, ys = hype_shade()
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, fill="toself", mode="none", fillcolor="rgba(213,94,0,0.13)",
            name="Shaded: surer than the evidence", hoverinfo="skip",
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
    # The y axis is named above the plot, not beside it: a rotated title costs a phone's plot about 30 px of width.
    fig.update_yaxes(
        title=None, range=[-0.5, 4.5], tickvals=[0, 1, 2, 3, 4],
        ticktext=[L.CERTAINTY[k] for k in L.CERTAINTY_RANK], showgrid=True, gridcolor="#eeeeee", tickfont=dict(size=13), ticklabelstandoff=2,
    )  # fmt: skip
    fig.add_annotation(
        text="↑ Certainty of the human evidence", x=0, xref="paper", xanchor="left", y=1, yref="paper", yanchor="bottom",
        yshift=8, showarrow=False, align="left",
    )  # fmt: skip


def hype_gap(claims: pd.DataFrame, title: str = "How sure do the articles sound, and how sure is the evidence?") -> go.Figure:
    """Assertiveness of the wording (x) against certainty of the human evidence (y).

    No mark hides another: a claim alone in its cell with its verdict is one mark
    (``claim:<id>``); claims that share a cell and a verdict are drawn once, sized by
    their number and labelled with it (``group:<assertiveness>|<certainty>|<verdict>``,
    see :func:`cell_claims`). Marks of different verdicts in one cell are spread side by side.
    """
    rated = claims.dropna(subset=["certainty_rank", "assertiveness_rank"])
    if rated.empty:
        return empty(title)
    fig = go.Figure()
    _hype_axes(fig)
    cells = (
        rated.groupby(["assertiveness", "certainty", "verdict"], sort=False, dropna=False)
        .agg(
            n=("id", "size"), members=("id", list), a=("assertiveness_rank", "first"), c=("certainty_rank", "first"), first=("id", "first"),
            ids=("id", lambda s: ", ".join(s.head(6)) + (", …" if len(s) > 6 else "")),
            verdict_label=("verdict_label", "first"), quote=("first_quote", "first"), statement=("statement", "first"),
            n_articles=("n_articles", "first"),
        )
        .reset_index()
    )  # fmt: skip
    order = {v: i for i, v in enumerate(L.VERDICT_COLOUR)}
    cells = cells.assign(rank=cells["verdict_label"].map(order)).sort_values(["a", "c", "rank"])
    j = cells.groupby(["a", "c"]).cumcount()
    k = cells.groupby(["a", "c"])["n"].transform("size")
    cells["x"] = cells["a"] + (j - (k - 1) / 2) * 0.24
    for verdict in L.VERDICT_COLOUR:
        part = cells[cells["verdict_label"] == verdict]
        if part.empty:
            continue
        custom, hover = [], []
        for r in part.itertuples():
            if r.n == 1:
                custom.append((marks.encode("claim", r.first), 1))
                hover.append(
                    f"<b>{esc(r.first)}</b> · {verdict}<br>{wrap(r.statement)}<br><br><i>“{wrap(r.quote)}”</i>"
                    f"<br>Made by {r.n_articles} article(s)"
                )
            else:
                # the members go with the mark, so the text alternative lists every claim
                custom.append((marks.encode("group", r.assertiveness, r.certainty, r.verdict), int(r.n), list(r.members)))
                hover.append(f"<b>{r.n} claims</b> · {verdict}<br>{wrap(r.ids)}<br>Select to list them")
        fig.add_trace(
            go.Scatter(
                x=part["x"], y=part["c"], mode="markers+text", name=verdict,
                text=[str(n) if n > 1 else "" for n in part["n"]], textposition="top center",
                marker=dict(
                    color=L.VERDICT_COLOUR[verdict], symbol=L.VERDICT_SYMBOL[verdict], line=dict(color="#333333", width=1),
                    size=[round(12 + 6 * n**0.5) for n in part["n"]],
                ),
                customdata=custom, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    if len(rated) > MAX_MARKS:
        title = f"{title} ({len(rated):,} claims, grouped by cell)"
    fig = base(fig, title, height=520, bottom=AXIS_BELOW, top=26)
    return fig.update_layout(margin_r=4)  # the x range already leaves room right of the last column


def cell_claims(claims: pd.DataFrame, mark: str) -> pd.DataFrame:
    """The claims behind one grouped mark of :func:`hype_gap` (a ``group`` mark; anything else gives none)."""
    found = marks.decode(mark, "group")
    if found is None:
        return claims.iloc[0:0]
    a, c, verdict = found.parts
    return claims[(claims["assertiveness"] == a) & (claims["certainty"] == c) & (claims["verdict"] == verdict)]


def claims_by_article(counts: pd.DataFrame, title: str = "Which article claims what?") -> go.Figure:
    """Stacked bars: number of claims per article, split by claim type (colour and pattern); each bar's label above it."""
    if counts.empty:
        return empty(title)
    totals = counts.groupby("type_label")["claims"].sum()
    types = [t for t in L.CLAIM_TYPE.values() if t in totals.index]
    patterns = ["", "/", "\\", "x", "-", "|", "+", "."]
    colours = [L.BLUE, L.ORANGE, L.GREEN, L.PURPLE, L.SKY, L.VERMILION, L.YELLOW, L.GREY]
    by = counts.groupby(["article", "article_label", "type_label"], sort=False)["claims"].sum().reset_index()
    articles = list(dict.fromkeys(zip(by["article"], by["article_label"])))
    wrapped, row_px = label_rows([label for _, label in articles])
    fig = go.Figure()
    for i, t in enumerate(types):
        part = by[by["type_label"] == t]
        fig.add_trace(
            go.Bar(
                y=list(part["article"]), x=part["claims"], name=t, orientation="h", width=ROW_MARK / row_px,
                marker=dict(color=colours[i % len(colours)], pattern=dict(shape=patterns[i % len(patterns)])),
                customdata=[(marks.encode("bar", a, ty), esc(label)) for a, ty, label in zip(part["article"], part["type_label"], part["article_label"])],
                text=part["claims"], textposition="inside",
                hovertemplate="%{customdata[1]}<br>" + esc(t) + ": %{x} claim(s)<extra></extra>",
            )
        )  # fmt: skip
    add_row_labels(fig, [a for a, _ in articles], wrapped)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Number of claims", dtick=1 if by["claims"].max() < 10 else None, rangemode="tozero")
    return base(fig, title, plot_height=row_px * len(articles) + 20, bottom=AXIS_BELOW)


def count_bars(counts: pd.DataFrame, title: str, colours: dict[str, str] | None = None, icons: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of counts per category, in the given order; colour plus an icon in the label."""
    if counts.empty or counts["n"].sum() == 0:
        return empty(title)
    labels = [esc(f"{(icons or {}).get(c, '')} {c}".strip()) for c in counts["label"]]
    fig = go.Figure(
        go.Bar(
            y=labels, x=counts["n"], orientation="h", text=counts["n"], textposition="outside", cliponaxis=False,
            marker=dict(color=[(colours or {}).get(c, L.BLUE) for c in counts["label"]], line=dict(color="#333333", width=1)),
            customdata=counts[["key"]], hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Number of claims", rangemode="tozero")
    # the count printed past the longest bar is drawn in the right margin (at a slide's 1.5x text too)
    return base(fig, title, height=max(280, 56 * len(counts) + 120)).update_layout(margin_r=48)
