"""What every chart shares: fonts, the empty state, escaping of data text, the layout frame."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=15)
EMPTY_NOTE = "Nothing matches the current filters."


def base(fig: go.Figure, title: str, height: int = 460) -> go.Figure:
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


def empty(title: str, note: str = EMPTY_NOTE) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=note, showarrow=False, font=dict(size=16), x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base(fig, title, height=220)


def esc(text: object) -> str:
    """Data text made inert for plotly, which renders <a href>, <br>, <b>, <span style> in labels and hovers.

    ``<``, ``>`` and ``&`` become entities (plotly shows them as the characters),
    so text from the data can never become a link, a line break or styling.
    Every label, hover text and category that comes from the data passes here.
    """
    return html.escape(str(text if text is not None else ""), quote=False)


def esc_all(values) -> list[str]:
    return [esc(v) for v in values]


def wrap(text: str, width: int = 60) -> str:
    """Data text escaped (see :func:`esc`) and wrapped with plotly's <br>."""
    return "<br>".join(esc(line) for line in textwrap.wrap(str(text), width)) or ""


MAX_MARKS = 300  # above this, claims that share a cell and a verdict are drawn as one mark
MAX_ROWS = 60  # rows of a grid, or bars of a panel, before the rest are left to the table
