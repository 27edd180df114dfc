"""Claims: how sure the articles sound against the evidence, which article claims what, counts per category."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import labels as L
from .common import MAX_MARKS, base, empty, esc, esc_all, wrap


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
        return empty(title)
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
        return base(fig, f"{title} ({len(rated):,} claims, grouped by cell)", height=520)
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
                customdata=list(zip(part["id"], part["first_quote"].map(wrap), part["statement"].map(wrap), part["n_articles"])),
                hovertemplate="<b>%{customdata[0]}</b> · " + verdict + "<br>%{customdata[2]}<br><br>"
                "<i>“%{customdata[1]}”</i><br>Made by %{customdata[3]} article(s)<extra></extra>",
            )
        )
    return base(fig, title, height=520)


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
        return empty(title)
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
                y=esc_all(part["article_label"]), x=part["claims"], name=t, orientation="h",
                marker=dict(color=colours[i % len(colours)], pattern=dict(shape=patterns[i % len(patterns)])),
                customdata=[(f"{a}|{t}", t) for a, t in zip(part["article"], part["type_label"])], text=part["claims"], textposition="inside",
                hovertemplate="%{y}<br>%{customdata[1]}: %{x} claim(s)<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Number of claims", dtick=1 if by["claims"].max() < 10 else None)
    fig.update_yaxes(title=None, autorange="reversed")
    return base(fig, title, height=max(260, 70 * by["article_label"].nunique() + 120))


def count_bars(counts: pd.DataFrame, title: str, colours: dict[str, str] | None = None, icons: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of counts per category, in the given order; colour plus an icon in the label."""
    if counts.empty or counts["n"].sum() == 0:
        return empty(title)
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
    return base(fig, title, height=max(280, 56 * len(counts) + 120))
