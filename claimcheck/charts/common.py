"""What every chart shares: fonts, the empty state, escaping of data text, the layout frame,
the reader's theme, and the caveats drawn inside the figure.

The frame is laid out in pixels so it holds on a 390 px phone: the title (wrapped) and the
caveats sit at the top, the legend runs horizontally along the bottom, and the plot gets the
whole width between them.
"""

from __future__ import annotations

import html
import re
import textwrap

import plotly.graph_objects as go

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=15)
TITLE_SIZE = 19
CAVEAT_SIZE = 12  # 18 px on the presenter's slides (scale 1.5)
EMPTY_NOTE = "Nothing matches the current filters."
MAX_MARKS = 300  # above this, claims that share a cell and a verdict are drawn as one mark
MAX_ROWS = 60  # rows of a grid before the rest are left to the table
TITLE_WRAP = 56  # characters per title line
CAVEAT_WRAP = 54  # characters per caveat line: a 390 px phone shows about 55 at 12 px
PHONE_PLOT = 340  # px a legend row may use on a 390 px phone
AXIS_BELOW = 64  # px under the plot for an x axis's tick labels and title

DARK = dict(paper="#0E1117", grid="#262730", text="#FAFAFA", muted="#BBBBBB", outline="#FAFAFA")
LIGHT = dict(paper="white", grid="#eeeeee", text="#262730", muted="#555555", outline="#333333")
_TAG = re.compile(r"<[^>]+>")


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


def plain(text: str) -> str:
    """Text as a reader sees it: markup removed, entities shown as their characters."""
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def _legend_rows(fig: go.Figure) -> int:
    """How many rows the horizontal legend takes on a phone (an estimate from its items' lengths)."""
    if fig.layout.showlegend is False:
        return 0
    items = [t.name or "" for t in fig.data if t.showlegend is not False and t.name]
    if len(items) < 2 and not any(t.showlegend for t in fig.data):
        return 0
    rows, used = 1, 0.0
    for name in items:
        lines = name.count("<br>") + 1
        width = 40 + 7.5 * max(len(plain(part)) for part in name.split("<br>"))
        if used and used + width > PHONE_PLOT:
            rows, used = rows + 1, 0.0
        used += width
        rows += lines - 1
    return rows


def base(fig: go.Figure, title: str, height: int = 460, top: int = 0, bottom: int = 0, plot_height: int | None = None) -> go.Figure:
    """The shared frame: wrapped title at the top, legend in rows along the bottom, the plot the full width.

    ``top`` and ``bottom`` are the pixels the chart needs above and below its plot
    (an axis drawn on top, an x axis's labels and title below). ``height`` is the
    figure's; with ``plot_height`` the figure is as tall as its plot needs plus the frame.
    """
    lines = textwrap.wrap(title, TITLE_WRAP) or [""]
    legend = 24 * _legend_rows(fig)
    t, b = 32 + 25 * len(lines) + top, 10 + bottom + legend
    if plot_height is not None:
        height = plot_height + t + b - legend
    fig.update_layout(
        title=dict(
            # 10 px below the top edge: at the very edge the first line's tall letters were cut off in the app
            text="<br>".join(lines), x=0, xanchor="left", y=1 - 10 / (height + legend), yref="container", yanchor="top",
            pad=dict(t=10, l=10), font=dict(size=TITLE_SIZE),
        ),
        font=FONT,
        height=height + legend,
        margin=dict(l=10, r=10, t=t, b=b),
        legend=dict(title=None, orientation="h", x=0, xanchor="left", y=0, yanchor="bottom", yref="container"),
        plot_bgcolor="white",
        hoverlabel=dict(font_size=14, align="left"),
    )  # fmt: skip
    for axis in ("xaxis", "yaxis"):
        fig.layout[axis].automargin = True
        # drawn without Streamlit's chart theme (ui.frame.chart), so grid lines need a colour of their own
        fig.layout[axis].update(gridcolor=LIGHT["grid"], zerolinecolor=LIGHT["grid"])
    return fig


def empty(title: str, note: str = EMPTY_NOTE) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=note, showarrow=False, font=dict(size=16), x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base(fig, title, height=220)


def caveat_text(sources: str | None, not_shown: str | None, width: int = CAVEAT_WRAP) -> str:
    """The sources and what a chart does not show, escaped and wrapped, as plotly text."""
    parts = []
    for head, text in (("Sources", sources), ("What this does not show", not_shown)):
        if text and str(text).strip():
            lines = textwrap.wrap(f"{head}: {' '.join(str(text).split())}", width, break_on_hyphens=False)
            first = esc(lines[0]).replace(esc(head) + ":", f"<b>{esc(head)}:</b>", 1)
            parts.append("<br>".join([first, *(esc(line) for line in lines[1:])]))
    return "<br>".join(parts)


def with_caveats(fig: go.Figure, sources: str | None, not_shown: str | None = None) -> go.Figure:
    """Put the chart's sources and what it does not show inside the figure, under its title.

    Drawn as the title's subtitle in a small font, wrapped to a phone's width, so a PNG
    exported from the chart's toolbar (or a slide) keeps them. The figure grows by the
    caveats' height, so the plot keeps its size. Changes and returns ``fig``.
    """
    text = caveat_text(sources, not_shown)
    if not text:
        return fig
    extra = round(CAVEAT_SIZE * 1.35 * (text.count("<br>") + 1)) + 8
    fig.update_layout(
        title_subtitle=dict(text=text, font=dict(size=CAVEAT_SIZE, color=LIGHT["muted"])),
        margin_t=(fig.layout.margin.t or 0) + extra,
        height=(fig.layout.height or 460) + extra,
    )
    return fig


def _scaled(font, scale: float, default: float | None = None) -> dict:
    size = font.size if font is not None and font.size else default
    return {"size": size * scale} if size else {}


def themed(fig: go.Figure, dark: bool = False, scale: float = 1.0, height: int | None = None) -> go.Figure:
    """A copy of ``fig`` drawn in the reader's theme, with its text ``scale`` times larger.

    ``dark`` draws on Streamlit's dark background (#0E1117) with light text (#FAFAFA)
    and dark grid lines (#262730). ``scale`` multiplies every font size and the margins
    that hold text (the presenter uses 1.5, so chart text is at least 18 px);
    ``height`` sets the figure's height (a slide that must fit the screen).
    The figure given is not changed: cached figures are shared between sessions.
    """
    if not dark and scale == 1.0 and not height:
        return fig  # drawn as built: nothing to change, nothing to copy
    out = go.Figure(fig.to_dict())  # a deep copy: go.Figure(fig) shares its traces
    pal = DARK if dark else LIGHT
    lay = out.layout
    if scale != 1.0:
        lay.font.size = (lay.font.size or FONT["size"]) * scale
        if lay.title.font.size:
            lay.title.font.size = lay.title.font.size * scale
        if lay.title.subtitle.font.size:
            lay.title.subtitle.font.size = lay.title.subtitle.font.size * scale
        lay.hoverlabel.font.size = (lay.hoverlabel.font.size or 14) * scale
        for ann in lay.annotations:
            ann.font.size = (ann.font.size or lay.font.size / scale) * scale
        for name in [k for k in lay.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
            axis = lay[name]
            if axis.tickfont.size:
                axis.tickfont.size = axis.tickfont.size * scale
            if axis.title.font.size:
                axis.title.font.size = axis.title.font.size * scale
        for tr in out.data:
            if getattr(tr, "textfont", None) is not None and tr.textfont.size:
                tr.textfont.size = tr.textfont.size * scale
        lay.margin.t = round((lay.margin.t or 0) * scale)
        lay.margin.b = round((lay.margin.b or 0) * scale)
        # labels written above their rows grow with their text: give them the room
        lay.height = (lay.height or 460) + round(((lay.meta or {}).get("label_px", 0)) * (scale - 1))
    if height:
        lay.height = height
    if dark:
        lay.paper_bgcolor = pal["paper"]
        lay.plot_bgcolor = pal["paper"]
        lay.font.color = pal["text"]
        lay.title.font.color = pal["text"]
        lay.title.subtitle.font.color = pal["muted"]
        lay.legend.bgcolor = "rgba(0,0,0,0)"
        lay.hoverlabel.bgcolor = pal["grid"]
        lay.hoverlabel.font.color = pal["text"]
        for ann in lay.annotations:
            ann.font.color = pal["text"]
        for name in [k for k in lay.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
            lay[name].gridcolor = pal["grid"]
            lay[name].zerolinecolor = pal["grid"]
            lay[name].linecolor = pal["grid"]
        for name in [k for k in lay.to_plotly_json() if k.startswith("geo")]:
            lay[name].update(
                bgcolor=pal["paper"], landcolor=pal["grid"], showland=True, lakecolor=pal["paper"],
                countrycolor="#555555", subunitcolor="#555555", coastlinecolor="#555555",
            )  # fmt: skip
        for tr in out.data:
            _darken_trace(tr, pal)
    return out


_DARK_INK = {"#222", "#222222", "#333", "#333333", "black", "#000000"}


def _darken_trace(tr, pal: dict) -> None:
    """Outlines and text drawn in near-black (invisible on a dark page) become light."""
    marker = getattr(tr, "marker", None)
    if marker is not None:
        if isinstance(getattr(marker, "color", None), str) and marker.color in _DARK_INK:
            marker.color = pal["outline"]
        if (
            getattr(marker, "line", None) is not None
            and isinstance(getattr(marker.line, "color", None), str)
            and marker.line.color in _DARK_INK
        ):
            marker.line.color = pal["outline"]
    font = getattr(tr, "textfont", None)
    if font is not None and isinstance(font.color, str) and font.color in _DARK_INK:
        font.color = pal["outline"]
    if tr.type in ("scatter", "scattergeo", "bar") and getattr(tr, "textfont", None) is not None and not tr.textfont.color:
        tr.textfont.color = pal["text"]


ROW_LINE = 16  # px per line of a row's label
ROW_MARK = 22  # px for a row's bar or marks under its label


def label_rows(labels, width: int = 46) -> tuple[list[str], int]:
    """Labels for rows that carry them above their bars or marks, so labels never take the plot's width on a phone.

    Returns the labels escaped and wrapped to ``width`` characters, and the height of
    a row in px (the longest label's lines and the bar or marks under it).
    """
    wrapped = [wrap(label, width) or esc(label) for label in labels]
    lines = max((w.count("<br>") + 1 for w in wrapped), default=1)
    return wrapped, ROW_LINE * lines + 8 + ROW_MARK + 6


def add_row_labels(fig: go.Figure, keys: list[str], wrapped: list[str], xref: str = "x domain", yref: str = "y") -> None:
    """Make the y axis one category per key (first at the top) and write each row's label above its marks.

    The labels are annotations at the plot's left edge, just above the row's bar or
    marks; the axis keeps them as (hidden) tick labels, so the text alternative
    (:func:`claimcheck.charts.figure_table`) names each row by its label.
    """
    for key, text in zip(keys, wrapped):
        fig.add_annotation(
            x=0, xref=xref, y=key, yref=yref, text=text, showarrow=False, xanchor="left", yanchor="bottom",
            yshift=ROW_MARK / 2 + 1, align="left", font=dict(size=13),
        )  # fmt: skip
    axis = "yaxis" + yref[1:]
    fig.layout[axis].update(
        type="category", categoryorder="array", categoryarray=list(keys), range=[len(keys) - 0.5, -0.5],
        tickmode="array", tickvals=list(keys), ticktext=list(wrapped), showticklabels=False, showgrid=False, title=None,
    )  # fmt: skip
    label_px = sum(ROW_LINE * (w.count("<br>") + 1) for w in wrapped)
    fig.layout.meta = {**(fig.layout.meta or {}), "label_px": (fig.layout.meta or {}).get("label_px", 0) + label_px}


def for_slide(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` laid out for a projector slide, where the slide's own heading names it.

    The title goes (the slide says it in larger type); the sources stay inside the
    figure. Row labels written above their rows (for a phone's narrow screen) go back
    beside their rows, where a wide slide has room, so each row needs one line, not two.
    """
    out = go.Figure(fig.to_dict())
    lay = out.layout
    labelled = {}
    for name in [k for k in lay.to_plotly_json() if k.startswith("yaxis")]:
        axis = lay[name]
        if axis.ticktext and axis.showticklabels is False:
            axis.showticklabels = True
            labelled["y" + name[5:]] = set(axis.ticktext)
    if labelled:
        lay.annotations = [
            a for a in lay.annotations if not (a.xanchor == "left" and a.yanchor == "bottom" and a.text in labelled.get(a.yref, ()))
        ]
        lay.meta = {**(lay.meta or {}), "label_px": 0}
    subtitle = lay.title.subtitle.text
    caveat_lines = subtitle.count("<br>") + 1 if subtitle else 0
    lay.title.text = " "  # an empty title would hide the subtitle that carries the sources
    lay.margin.t = 12 + round(CAVEAT_SIZE * 1.35 * caveat_lines) + 8 if caveat_lines else 12
    return out
