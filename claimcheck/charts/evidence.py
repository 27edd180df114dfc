"""Evidence: the design ladder and the evidence map (topics by kind of study)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import labels as L
from .common import base, empty, esc_all, wrap


def design_ladder(ladder: pd.DataFrame, title: str = "What kind of studies is the evidence made of?") -> go.Figure:
    """Horizontal bars, one per rung of the design ladder (strongest human evidence at the top)."""
    if ladder["studies"].sum() == 0:
        return empty(title)
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
    return base(fig, title, height=420)


def evidence_matrix(matrix: pd.DataFrame, title: str = "What kind of evidence exists for each topic, and where are the gaps?") -> go.Figure:
    """Topics (rows) by design ladder (columns): mark size = studies, colour and symbol = direction, grey squares = gaps.

    Each mark's customdata[0] is "topic|design", so a page can list the studies of a selected cell.
    """
    if matrix.empty:
        return empty(title)
    designs = [L.DESIGN[d] for d in L.DESIGN_ORDER]
    topics = esc_all(dict.fromkeys(matrix["topic_label"]))
    fig = go.Figure()
    gaps = matrix[matrix["studies"] == 0]
    fig.add_trace(
        go.Scatter(
            x=gaps["design"].map(L.DESIGN), y=esc_all(gaps["topic_label"]), mode="markers", name="□ No study (gap)",
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
                x=[xpos[d] + offsets[direction] for d in part["design"]], y=esc_all(part["topic_label"]), mode="markers", name=label,
                marker=dict(
                    symbol=L.DIRECTION_SYMBOL[label], color=L.DIRECTION_COLOUR[label], size=10 + 7 * part["studies"].clip(upper=6) ** 0.8,
                    line=dict(color="#333333", width=1),
                ),
                customdata=[(f"{t}|{d}", n) for t, d, n in zip(part["topic"], part["design"], part["studies"])],
                hovertemplate="%{y}<br>" + label + ": %{customdata[1]} stud(ies)<extra></extra>",
            )
        )  # fmt: skip
    fig.update_xaxes(
        type="linear", tickvals=list(range(len(designs))), ticktext=[wrap(d, 14) for d in designs], range=[-0.6, len(designs) - 0.4],
        side="top", showgrid=True, gridcolor="#eeeeee", title=None,
    )  # fmt: skip
    # gap marks were placed by label; move them onto the numeric axis
    fig.data[0].x = [xpos[d] for d in gaps["design"]]
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=topics, autorange="reversed", title=None, showgrid=True, gridcolor="#eeeeee"
    )
    fig.update_layout(legend=dict(orientation="h", y=-0.02))
    fig = base(fig, title, height=max(380, 42 * len(topics) + 240))
    fig.update_layout(margin=dict(t=150))  # room for the design labels above the grid
    return fig
