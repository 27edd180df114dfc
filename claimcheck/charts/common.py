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
TITLE_WRAP = 36  # characters per title line: a 390 px phone's chart is about 340 px wide, 19 px type
CAVEAT_WRAP = 54  # characters per caveat line: a 390 px phone shows about 55 at 12 px
PHONE_PLOT = 340  # px a legend row may use on a 390 px phone
AXIS_BELOW = 64  # px under the plot for an x axis's tick labels and title
SLIDE_WRAP = 18  # characters per line of a legend's or axis title's text on a slide (beside the plot, at 1.5x)

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


def wrap(text: str, width: int = 60, break_words: bool = True) -> str:
    """Data text escaped (see :func:`esc`) and wrapped with plotly's <br>.

    With ``break_words=False`` a word longer than ``width`` keeps a line of its own
    instead of being cut (for headings, where "Observationa / l" would be misread).
    """
    lines = textwrap.wrap(str(text), width, break_long_words=break_words, break_on_hyphens=False)  # "7-OH" stays whole
    return "<br>".join(esc(line) for line in lines) or ""


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
    fig.layout.meta = {**(fig.layout.meta or {}), "top_px": top}  # what the plot needs above it, kept on a slide
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
        if lay.legend.font.size:
            lay.legend.font.size = lay.legend.font.size * scale
        if lay.uniformtext.minsize:
            lay.uniformtext.minsize = lay.uniformtext.minsize * scale
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
ROW_LABEL_WRAP = 42  # characters per line of a row's label: 13 px type on a 390 px phone's 340 px plot
ROW_TOP, ROW_GAP = 8, 6  # px above a row's label, and under its bar or marks


def _label_lines(wrapped) -> int:
    return max((w.count("<br>") + 1 for w in wrapped), default=1)


def label_rows(labels, width: int = ROW_LABEL_WRAP, above: float = ROW_MARK / 2, below: float = ROW_MARK / 2) -> tuple[list[str], int]:
    """Labels for rows that carry them above their bars or marks, so labels never take the plot's width on a phone.

    Returns the labels escaped and wrapped to ``width`` characters, and the height of
    a row in px: the longest label's lines, then the marks, which reach ``above`` px
    over the row's centre line (a mark's radius, or the number printed over it) and
    ``below`` px under it.
    """
    wrapped = [wrap(label, width) or esc(label) for label in labels]
    return wrapped, round(ROW_TOP + ROW_LINE * _label_lines(wrapped) + above + below + ROW_GAP)


def add_row_labels(
    fig: go.Figure, keys: list[str], wrapped: list[str], xref: str = "x domain", yref: str = "y",
    above: float = ROW_MARK / 2, below: float = ROW_MARK / 2,
) -> None:  # fmt: skip
    """Make the y axis one category per key (first at the top) and write each row's label above its marks.

    The labels are annotations at the plot's left edge, just above what the row draws
    (``above`` px over its centre line, as given to :func:`label_rows`). Each row's
    slot holds its label and its marks: the axis is shifted so a mark sits low in its
    slot, so the first row's label stays inside the plot and no label reaches the row
    above. The axis keeps the labels as (hidden) tick labels, so the text alternative
    (:func:`claimcheck.charts.figure_table`) names each row by its label.
    """
    for key, text in zip(keys, wrapped):
        fig.add_annotation(
            x=0, xref=xref, y=key, yref=yref, text=text, showarrow=False, xanchor="left", yanchor="bottom",
            yshift=above + 1, align="left", font=dict(size=13),
        )  # fmt: skip
    label_h = ROW_LINE * _label_lines(wrapped)
    row_px = ROW_TOP + label_h + above + below + ROW_GAP
    shift = (ROW_TOP + label_h + above - row_px / 2) / row_px  # rows: from the slot's middle down to where its marks sit
    axis = "yaxis" + yref[1:]
    fig.layout[axis].update(
        type="category", categoryorder="array", categoryarray=list(keys), range=[len(keys) - 0.5 - shift, -0.5 - shift],
        tickmode="array", tickvals=list(keys), ticktext=list(wrapped), showticklabels=False, showgrid=False, title=None,
    )  # fmt: skip
    label_px = sum(ROW_LINE * (w.count("<br>") + 1) for w in wrapped)
    fig.layout.meta = {**(fig.layout.meta or {}), "label_px": (fig.layout.meta or {}).get("label_px", 0) + label_px}


SLIDE_LEGEND_WRAP = 16  # characters per line of a legend's item on a slide
SLIDE_LEGEND_PX = 400  # px a slide's legend may take, from the top of the plot down
SLIDE_PLOT = 270  # px: the height of a chart's plot on a 1280×720 slide
SLIDE_LINE = 26  # px: a line of a label at the slide's 1.5x text


def _slide_rows(labels: list[str]) -> list[str]:
    """Row labels for beside the rows of a slide: as few characters a line as the rows' height allows.

    Each row has ``SLIDE_PLOT / rows`` px; a label gets as many lines as fit in that
    (at least one), and the narrowest wrapping that keeps every label within them.
    """
    lines = max(1, SLIDE_PLOT // (max(len(labels), 1) * SLIDE_LINE))
    longest = max((len(t) for t in labels), default=0)
    for width in range(SLIDE_WRAP, longest + 1):
        wrapped = [wrap(t, width) for t in labels]
        if all(w.count("<br>") < lines for w in wrapped):
            return wrapped
    return [esc(t) for t in labels]


def for_slide(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` laid out for a projector slide, where the slide's own heading names it.

    The title goes (the slide says it in larger type); the sources stay inside the
    figure. Row labels written above their rows (for a phone's narrow screen) go back
    beside their rows, where a wide slide has room, in as few lines as the rows' height
    allows. Numbers on bars too small for the slide's text are left out. The legend moves from under the plot to its right, in a column of short lines: a
    slide is wide and short, and a legend in rows under the plot took its height.
    """
    legend_px = 24 * _legend_rows(fig)
    out = go.Figure(fig.to_dict())
    lay = out.layout
    labelled = {}
    for name in [k for k in lay.to_plotly_json() if k.startswith("yaxis")]:
        axis = lay[name]
        if axis.ticktext and axis.showticklabels is False:
            axis.showticklabels = True
            axis.range = [len(axis.ticktext) - 0.5, -0.5]  # each row back in the middle of its slot
            labelled["y" + name[5:]] = set(axis.ticktext)
            axis.ticktext = _slide_rows([plain(t) for t in axis.ticktext])
    for name in [k for k in lay.to_plotly_json() if k.startswith("yaxis")]:
        title = lay[name].title.text
        if title and len(plain(title)) > SLIDE_WRAP:  # a rotated axis title longer than a slide's short plot
            lay[name].title.update(text=wrap(plain(title), SLIDE_WRAP), standoff=14)
    if legend_px:
        # The legend's text a step smaller than the slide's (18 px at its 1.5x), so a long legend fits its height.
        # It starts at the top of the plot and may run below it, into the room of the x axis.
        lay.legend.update(
            orientation="v",
            x=1.02,
            xanchor="left",
            y=1,
            yanchor="top",
            yref="paper",
            maxheight=SLIDE_LEGEND_PX,
            font_size=FONT["size"] * 0.8,
        )
        if lay.legend.title.text:
            lay.legend.title.text = wrap(plain(lay.legend.title.text), SLIDE_LEGEND_WRAP)
        for tr in out.data:
            if tr.name:
                tr.name = wrap(plain(tr.name), SLIDE_LEGEND_WRAP)
        lay.margin.b = max(10, (lay.margin.b or 0) - legend_px)
    # Numbers printed on bars that would have to shrink below the caveats' size (18 px on a slide) are
    # left out, not shrunk or run together (the table under the chart has every number).
    lay.uniformtext = dict(mode="hide", minsize=CAVEAT_SIZE)
    if labelled:
        lay.annotations = [
            a for a in lay.annotations if not (a.xanchor == "left" and a.yanchor == "bottom" and a.text in labelled.get(a.yref, ()))
        ]
        lay.meta = {**(lay.meta or {}), "label_px": 0}
    subtitle = lay.title.subtitle.text
    caveat_lines = subtitle.count("<br>") + 1 if subtitle else 0
    lay.title.text = " "  # an empty title would hide the subtitle that carries the sources
    lay.margin.t = (12 + round(CAVEAT_SIZE * 1.35 * caveat_lines) + 8 if caveat_lines else 12) + (lay.meta or {}).get("top_px", 0)
    return out
