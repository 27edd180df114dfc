"""Evidence: the design ladder and the evidence map (topics by kind of study)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import labels as L
from .. import marks
from .common import AXIS_BELOW, ROW_MARK, add_row_labels, base, empty, esc, esc_all, label_rows, wrap


def design_ladder(ladder: pd.DataFrame, title: str = "What kind of studies is the evidence made of?") -> go.Figure:
    """Horizontal bars, one per rung of the design ladder (strongest human evidence at the top), each named above its bar."""
    if ladder["studies"].sum() == 0:
        return empty(title)
    colours = [L.BLUE if d in L.HUMAN_CONTROLLED else (L.GREY if d == "traditional" else L.SKY) for d in ladder["design"]]
    wrapped, row_px = label_rows(ladder["design_label"])
    fig = go.Figure(
        go.Bar(
            y=esc_all(ladder["design_label"]), x=ladder["studies"], orientation="h", marker=dict(color=colours), width=ROW_MARK / row_px,
            text=ladder["studies"], textposition="outside", cliponaxis=False, showlegend=False,
            customdata=[(marks.encode("rung", d), esc(label)) for d, label in zip(ladder["design"], ladder["design_label"])],
            hovertemplate="%{customdata[1]}: %{x} stud(ies)<extra></extra>",
        )
    )  # fmt: skip
    add_row_labels(fig, esc_all(ladder["design_label"]), wrapped)
    fig.update_xaxes(title="Number of studies", rangemode="tozero")
    fig = base(fig, title, plot_height=row_px * len(ladder) + 20, bottom=AXIS_BELOW)
    fig.update_layout(margin_r=40)  # room for the count printed past the longest bar
    return fig


GAP = "□ No study (gap)"
SPREAD = 0.3  # design columns between two marks of one cell: on a phone (38 px a column) two numbers stay apart
MARK_MAX = 22  # px: the largest mark (five studies or more)
COUNT_PX = 16  # px: the number printed over a mark


def evidence_matrix(matrix: pd.DataFrame, title: str = "What kind of evidence exists for each topic, and where are the gaps?") -> go.Figure:
    """Topics (rows, named above their marks) by design ladder (columns): mark size and number = studies,
    colour and symbol = direction, open grey squares = gaps.

    The marks of one cell (one per direction) are spread side by side, so none hides another.
    Each mark's customdata[0] is a ``cell`` mark (:mod:`claimcheck.marks`), so a page can list the
    studies of a selected cell.
    """
    if matrix.empty:
        return empty(title)
    designs = list(L.DESIGN_ORDER)
    xpos = {d: i for i, d in enumerate(designs)}
    topics = list(dict.fromkeys(zip(matrix["topic"], matrix["topic_label"])))
    # A row's label sits over the numbers printed on its marks, never on them.
    reach = dict(above=MARK_MAX / 2 + COUNT_PX, below=MARK_MAX / 2)
    wrapped, row_px = label_rows([label for _, label in topics], **reach)
    fig = go.Figure()
    gaps = matrix[matrix["studies"] == 0]
    fig.add_trace(
        go.Scatter(
            x=[xpos[d] for d in gaps["design"]], y=list(gaps["topic"]), mode="markers", name=GAP,
            marker=dict(symbol="square-open", size=14, color="#BBBBBB", line=dict(width=1.5)),
            customdata=[(marks.encode("cell", t, d), 0, esc(tl), esc(L.DESIGN[d])) for t, d, tl in zip(gaps["topic"], gaps["design"], gaps["topic_label"])],
            hovertemplate="%{customdata[2]} · %{customdata[3]}: no study<extra></extra>",
        )
    )  # fmt: skip
    filled = matrix[matrix["studies"] > 0].copy()
    order = {d: i for i, d in enumerate(L.DIRECTION)}
    filled = filled.assign(rank=filled["direction"].map(order)).sort_values(["topic", "design", "rank"])
    j = filled.groupby(["topic", "design"]).cumcount().astype(float)  # typed: an empty group-by has no numeric dtype
    k = filled.groupby(["topic", "design"])["studies"].transform("size").astype(float)
    filled["x"] = filled["design"].map(xpos).astype(float) + (j - (k - 1) / 2) * SPREAD
    for direction, label in L.DIRECTION.items():
        part = filled[filled["direction"] == direction]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["x"], y=list(part["topic"]), mode="markers+text", name=label,
                text=part["studies"].astype(str), textposition="top center", textfont=dict(size=12),
                marker=dict(
                    symbol=L.DIRECTION_SYMBOL[label], color=L.DIRECTION_COLOUR[label], size=MARK_MAX - 3 * (5 - part["studies"].clip(upper=5)),
                    line=dict(color="#333333", width=1), opacity=0.9,
                ),
                customdata=[
                    (marks.encode("cell", t, d), n, esc(tl), esc(L.DESIGN[d]))
                    for t, d, n, tl in zip(part["topic"], part["design"], part["studies"], part["topic_label"])
                ],
                hovertemplate="%{customdata[2]} · %{customdata[3]}<br>" + label + ": %{customdata[1]} stud(ies)<extra></extra>",
            )
        )  # fmt: skip
    add_row_labels(fig, [t for t, _ in topics], wrapped, **reach)
    fig.update_xaxes(
        type="linear", tickvals=list(range(len(designs))), ticktext=[wrap(L.DESIGN_SHORT[d], 11, break_words=False) for d in designs],
        range=[-0.5, len(designs) - 0.5], side="top", showgrid=True, gridcolor="#eeeeee", zeroline=False, title=None,
        tickfont=dict(size=12),
    )  # fmt: skip
    return base(fig, title, plot_height=row_px * len(topics) + 30, top=90)  # a phone turns the headings upright


# The kinds of study grouped as a reader weighs them, strongest first (a projector slide has room for four).
EVIDENCE_TIERS = (
    ("Trials and reviews in people", ("systematic_review", "rct"), L.BLUE),
    ("Other studies in people", ("observational", "case_report"), L.SKY),
    ("Animal and cell studies", ("animal", "in_vitro"), L.YELLOW),
    ("Product tests, reports and tradition", ("product_analysis", "regulatory", "traditional"), L.GREY),
)


NO_STUDY = "No published study"


def best_tier_by_topic(links: pd.DataFrame, topics: pd.DataFrame) -> pd.DataFrame:
    """Each topic (id, label) with the strongest tier of :data:`EVIDENCE_TIERS` among its published studies,
    or :data:`NO_STUDY`."""
    rank = {d: n for n, (_, designs, _) in enumerate(EVIDENCE_TIERS) for d in designs}
    best = links.assign(rank=links["design"].map(rank)).groupby("topic")["rank"].min()
    tiers = [t for t, _, _ in EVIDENCE_TIERS]
    return pd.DataFrame(
        {
            "topic": topics["id"],
            "label": topics["label"],
            "best": [tiers[int(best[i])] if i in best.index and pd.notna(best[i]) else NO_STUDY for i in topics["id"]],
        }
    )


def best_evidence_by_topic(
    links: pd.DataFrame, topics: pd.DataFrame, title: str = "What is the best evidence for each topic?"
) -> go.Figure:
    """How many topics have each tier (:data:`EVIDENCE_TIERS`) as their strongest evidence, and how many have none.

    A summary of :func:`evidence_matrix` small enough for a projector slide: five bars,
    strongest first, each naming its topics on hover and in the text alternative.
    """
    if topics.empty:
        return empty(title)
    table = best_tier_by_topic(links, topics)
    rows = [*((t, c) for t, _, c in EVIDENCE_TIERS), (NO_STUDY, L.VERMILION)]
    counts = [int((table["best"] == t).sum()) for t, _ in rows]
    members = [", ".join(table.loc[table["best"] == t, "label"]) for t, _ in rows]
    fig = go.Figure(
        go.Bar(
            y=[t for t, _ in rows], x=counts, orientation="h", marker=dict(color=[c for _, c in rows]), showlegend=False,
            text=[str(c) for c in counts], textposition="outside", cliponaxis=False,
            customdata=[(marks.encode("bar", "best", str(n)), c, m) for n, (c, m) in enumerate(zip(counts, members))],
            hovertext=[wrap(m) or "none" for m in members], hovertemplate="%{y}: %{x} topic(s)<br>%{hovertext}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[t for t, _ in rows][::-1], title=None)
    fig.update_xaxes(title=f"Topics (of {len(table)})", showgrid=True, gridcolor="#eeeeee")
    return base(fig, title, height=360, bottom=AXIS_BELOW).update_layout(margin_r=40)
