"""The frame every page shares: notice, data banner, shared filters in the URL, render helpers.

Text that comes from the data is never rendered as HTML: it is escaped before
it reaches Markdown, or shown in tables and code blocks.
"""

from __future__ import annotations

import functools
import html
import os
import re
import threading
from contextlib import nullcontext

import plotly.graph_objects as go
import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck.dataset import DEFAULT_ICON
from claimcheck.safetext import LINE_BREAK, is_icon
from claimcheck.sitemap import PAGE_PARAMS, PAGES, page

from .data import Views, views

# The topic's own sentence follows it, from dataset.yaml's `notice` (Dataset.meta["notice"]).
NOTICE = "**Educational material, not medical or legal advice.** This dashboard gives no dosing advice."
PLOTLY_CONFIG = {
    "displaylogo": False,
    # Map outlines are served by the app itself so maps draw with no internet.
    "topojsonURL": "./app/static/topojson/",
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:=&^])")


def md(text: object) -> str:
    """Escape data text for Markdown so it shows literally (no links, HTML or formatting).

    Every line-break character (``\\r``, ``\\u2028``, ``\\u2029``, ``\\x0b``,
    ``\\x0c``, ``\\x85``...) becomes a plain ``\\n`` first, so no renderer sees a
    break that this escaping did not.
    """
    return _md(text) if type(text) is str else _md(str(text if text is not None else ""))


@functools.lru_cache(maxsize=1 << 14)
def _md(text: str) -> str:
    # Pages escape the same names and statements on every rerun; remembering the last 16,384 saves the regexes.
    return _MD_SPECIAL.sub(r"\\\1", LINE_BREAK.sub("\n", text))


URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"


def link(label: object, url: object) -> str:
    """A Markdown link to an http(s) page, with the label escaped; other URLs give the label alone."""
    from urllib.parse import quote

    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return md(label)
    # Parentheses, spaces and angle brackets would end or break the link: percent-encode them.
    return f"[{md(label)}]({quote(url, safe=URL_SAFE)})"


def esc(text: object, breaks: str = "&#10;") -> str:
    """Escape data text for the few places that build HTML themselves.

    Line breaks of every kind become ``breaks`` (by default a character
    reference, shown as a space): a raw blank line would end Markdown's HTML
    block, and the text after it would be read as Markdown, links included.
    Pass ``breaks="<br>"`` to keep the text's lines.
    """
    return LINE_BREAK.sub(breaks, html.escape(str(text if text is not None else ""), quote=True))


def page_icon(icon: object) -> str:
    """The dataset's icon if it is an emoji or a Material icon Streamlit knows, else the default.

    Anything else handed to Streamlit as a page icon would be read as a path or a
    URL (a file served from the server, or a call to a third party).
    """
    from streamlit.string_util import is_emoji

    if is_icon(icon) and isinstance(icon, str):
        if icon.startswith(":material/"):
            try:
                from streamlit.string_util import validate_material_icon

                validate_material_icon(icon)
                return icon
            except Exception:  # noqa: BLE001 - an unknown icon name falls back to the default
                return DEFAULT_ICON
        if is_emoji(icon):
            return icon
    return DEFAULT_ICON


# --- navigation ----------------------------------------------------------------------
# Streamlit builds pages from the pages/ folder; its own menu is hidden (see
# .streamlit/config.toml) so the links can carry readable names and icons. The pages
# are declared once, in claimcheck.sitemap.


def nav_ui(where) -> None:
    """The links to every page, in ``where`` (the sidebar, under the filters).

    Each link carries this run's filters as the address shows them (drawn after the
    filters), so the next page opens with the filters in its own link and needs no
    extra run to put them there.
    """
    query = _filter_query()
    with where:
        st.divider()
        for p in PAGES:
            st.page_link(p.script, label=p.title, icon=p.icon, query_params=query)


def _filter_query(skip: set[str] = frozenset()) -> list[tuple[str, str]]:
    """This run's shared filters (set by :func:`filters_ui`) as the address shows them, for a link's query."""
    filters = st.session_state.get("_frame.filter_params", {})
    return [(name, str(x)) for name in D.FILTER_PARAMS if name not in skip for x in filters.get(name, ())]


def page_link(key: str, label: str, icon: str | None = None, **params) -> None:
    """A link to another view that stays inside the session (filters and quiz score are kept).

    Markdown links would open a new tab and a new session; ``st.page_link`` moves within this one.
    """
    query = [(k, x) for k, v in params.items() if v not in (None, "") for x in (v if isinstance(v, (list, tuple)) else [v])]
    # The shared filters stay in the new page's address too, so it can be shared as it is seen.
    query += _filter_query(skip=set(params))
    st.page_link(page(key).script, label=label, icon=icon, query_params=query)


# --- state in the URL ----------------------------------------------------------------
# Every control and the shared filters are bound to the URL by Streamlit itself
# (``bind="query-params"``: the widget's key is the parameter's name, defaults are left
# out of the URL, invalid values are ignored). Two things Streamlit does not do are done
# here, once, on arrival: links shared before used a comma form (``?verdict=a,b``), and a
# move to another page would otherwise drop the filters and carry the last page's
# selections.
BIND = "query-params"


def _format(name: str, v: Views):
    """How a value of the shared filter ``name`` is shown (declared in its ``FilterSpec``, computed in ``Views``)."""
    labels = v.filter_labels.get(name, {})
    return lambda x: labels.get(x, x)


def from_link(name: str, options, fmt=str, multi: bool = False, label: str | None = None) -> None:
    """Read a parameter written the way links were written before (ids, or a comma list), once, on arrival.

    A bound widget keeps the *shown* text of its options in the URL
    (``?verdict=Partly+supported``); links shared earlier name ids (``?verdict=partly_supported``,
    ``?claim=C001``) or comma lists (``?severity=serious,mild``). Those are converted
    to the widget's value here, before it is drawn. A value that names no option is left
    out, and the page says so at its top (see :func:`link_notes`), naming the
    control by ``label``.
    """
    raw = [r for r in st.query_params.get_all(name) if isinstance(r, str)]
    if not raw:
        return
    options = list(options)
    shown = {str(fmt(o)): o for o in options}
    if all(r in shown for r in raw):
        return  # the current form: Streamlit reads it itself
    ids = {str(o): o for o in options}
    # a count in the shown text ("Pain relief · Animal study (5)") changes with the data: a link keeps the rest
    uncounted: dict[str, list] = {}
    for text, o in shown.items():
        uncounted.setdefault(_without_bracketed_tail(text), []).append(o)
    values, unread = [], []
    for r in raw:
        for part in r.split(",") if multi else [r]:
            part = part.strip()
            value = shown.get(part, ids.get(part, ids.get(id_in_link(part))))
            if value is None and len(same := uncounted.get(_without_bracketed_tail(part), [])) == 1:
                value = same[0]
            if value is None:
                unread.append(part)
            elif value not in values:
                values.append(value)
    note_unread(name, label, unread)
    if _put_in_link(name, values, fmt, multi):
        if st.session_state.get("_frame.drew_arrival"):
            # this run opened the page and drew its arrival scripts; the browser may not have run them
            # before the rerun replaces them, so the rerun still counts as the arrival
            st.session_state["_frame.arriving"] = True
        st.session_state[_NOTES_KEY] = list(_run.notes)  # said on the next run, which the reader sees
        st.rerun()  # the widget reads the rewritten link on the next run; nothing costly has been drawn yet


# --- what a link asked for and did not get -------------------------------------------------
# A link is often typed, cut short or out of date. What it names that the data does not have
# is left out, and one note at the top of the page says what was left out and where; the
# rest of the link still opens. Kept per script run (a run is one thread), and carried over
# a rerun that rewrites the link.
_NOTES_KEY = "_frame.link_notes"
NOTE_VALUE_CHARS = 60  # a longer value is cut in the note (the link itself may be anything)


class _RunNotes(threading.local):
    def __init__(self) -> None:
        self.notes: list[tuple[str, str]] = []  # (control's label, value as the link wrote it)
        self.slot = None  # where the note is drawn, once page_setup has placed it
        self.explained: set[str] = set()  # parameters a page explains itself (missing_record_notice)


_run = _RunNotes()


def _start_link_notes() -> None:
    """At the top of a run: the notes a rewriting rerun carried over, and no place for them yet."""
    _run.notes = list(st.session_state.pop(_NOTES_KEY, []))
    _run.slot = None
    _run.explained = set()


def note_unread(name: str, label: str | None, values) -> None:
    """Note values of parameter ``name`` that a link gave and the page could not read."""
    if name in _run.explained:
        return
    for value in values:
        value = str(value).strip()
        # the control's name without its hint in brackets ("Jurisdiction (or select one on a map)")
        item = (_without_bracketed_tail(label or name), value if len(value) <= NOTE_VALUE_CHARS else value[:NOTE_VALUE_CHARS] + "…")
        if value and item not in _run.notes:
            _run.notes.append(item)
    link_notes()


def link_notes(slot=None) -> None:
    """Draw the note on what the link asked for and did not get (in ``slot`` from now on, when given)."""
    if slot is not None:
        _run.slot = slot
    if _run.slot is None or not _run.notes:
        return
    parts = "; ".join(f"{md(label)} “{md(value)}”" for label, value in _run.notes)
    _run.slot.info(
        f"**This link names something this page does not have, so it was left out:** {parts}. "
        "The rest of the link is shown. The link may be mistyped or out of date: choose again from the page's lists and filters.",
        icon=":material/link_off:",
    )


def _without_bracketed_tail(text: str) -> str:
    """Text without a trailing part in brackets: a count (``"Pain relief · Animal study (5)"``) or a
    control's hint (``"Jurisdiction (or select one on a map)"``)."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", text)


def id_in_link(text: str) -> str:
    """The id a link's value starts with: a list shows a record as ``"C001 · its statement"``, and the
    address bar keeps that shown text; older links name the id alone."""
    return text.split(" · ", 1)[0]


def _put_in_link(name: str, values: list, fmt, multi: bool) -> bool:
    """Write ``values`` into the link in the form its bound widget reads (the options' shown text).

    A widget takes its value from the link only on a page's first run, so the caller
    reruns the page at once. Setting the widget's value in code instead would leave the
    address bar without it until the next change, and a copied link would lose it.
    Returns False when the parameter is already bound (Streamlit then drops what it
    cannot read) or nothing is left to write (the parameter is removed).
    """
    try:
        if values:
            shown = [str(fmt(x)) for x in values]
            st.query_params[name] = shown if multi else shown[0]
            return True
        del st.query_params[name]
    except Exception:  # noqa: BLE001 - already bound in this session
        pass
    return False


def select(label: str, options, key: str, fmt=str, behind: str | None = None, **kwargs):
    """A select box bound to the URL parameter ``key`` (old link forms read by :func:`from_link`).

    With ``behind``, the box sits behind a button of that name that opens it (a popover):
    for the list that is the keyboard's way to what a chart's marks open, on a page whose
    chart is the way in. The browser draws a popover's contents, and loads the select
    box's code, only when it is opened (about a tenth of the floor on a first visit,
    bench/bench.py); the box is still bound to the link and set by the chart. The page
    names the chosen record itself (its card's heading), since the box is out of sight.
    """
    from_link(key, options, fmt, label=label)
    with st.popover(behind, icon=":material/list:") if behind else nullcontext():
        return st.selectbox(label, options, key=key, format_func=fmt, bind=BIND, **kwargs)


def multiselect(label: str, options, key: str, fmt=str, **kwargs):
    """A multiselect bound to the URL parameter ``key`` (a repeated parameter; old comma lists read once)."""
    from_link(key, options, fmt, multi=True, label=label)
    kept = [x for x in st.session_state.get(key) or [] if x in set(options)]
    if key in st.session_state and kept != st.session_state[key]:
        st.session_state[key] = kept  # values the data no longer has (an article removed by an edit)
    return st.multiselect(label, options, key=key, format_func=fmt, bind=BIND, **kwargs)


def _arrive(key: str, v: Views) -> bool:
    """On moving to another page, keep the shared filters and start the page's own controls afresh.

    Returns whether this run opens the page (a first visit or a move from another page).

    Streamlit keeps a bound widget's value across a page change under its key; a
    selection on one page (``claim``, ``view``) must not reopen on the next one unless
    the link names it.
    """
    last = st.session_state.get("_frame.page")
    st.session_state["_frame.page"] = key
    if last == key:
        # a run that a rerun on arrival (below, or an old link read in from_link) started still opens the page
        return st.session_state.get("_frame.arriving", False)
    st.session_state["_frame.arriving"] = True  # until page_setup has drawn what an arrival draws
    if last is None:
        return True
    for name in PAGE_PARAMS:
        if name not in st.query_params:
            st.session_state.pop(name, None)
    carried = False
    for name, values in st.session_state.get("_frame.filters", {}).items():
        if name in st.query_params:
            continue
        if _put_in_link(name, list(values), _format(name, v), multi=True):
            carried = True
        else:
            st.session_state[name] = list(values)
    if carried:
        st.rerun()  # the filters are read from the link on the next run, and stay in it
    return True


def filters_ui(v: Views, where=None) -> D.Filters:
    """Draw the shared filters behind a *Filters* button in the sidebar (or ``where``), each bound to its URL parameter,
    with a line under the button naming the filters that are on; return them.

    Behind a button because the six filter boxes are the costliest thing every page
    draws on a first visit (bench/bench.py): a popover's boxes are drawn in the
    browser only when it is opened, while Streamlit still reads them from the link.
    """
    chosen = {}
    where = where if where is not None else st.sidebar
    box = where.popover("Filters", icon=":material/filter_list:", width="stretch")
    with box:
        st.caption("Shared by every page and kept in the link, so any view can be shared.")
        for spec in D.FILTER_SPECS:
            options = list(v.allowed[spec.name])
            if not options:  # nothing to choose from in this data (a topic with no legal table has no regions)
                chosen[spec.name] = ()
                continue
            chosen[spec.name] = tuple(multiselect(spec.label, options, spec.name, _format(spec.name, v), help=spec.help, placeholder="All"))
        st.button("Clear filters", key="filter.clear", disabled=not any(chosen.values()), on_click=_clear_filters)
    shown = _shown(D.Filters(**chosen), v)
    with where:
        st.caption("**On:** " + md(_describe(shown)) if shown else "No filter is on: every page shows all the data.")
    st.session_state["_frame.filters"] = {k: list(x) for k, x in chosen.items() if x}
    # The same values as the address bar writes them (their shown text), for links to other views.
    st.session_state["_frame.filter_params"] = shown
    return D.Filters(**chosen)


def _clear_filters() -> None:
    for name in D.FILTER_PARAMS:
        if name in st.session_state:
            st.session_state[name] = []


def filter_summary(filters: D.Filters, v: Views, applies: tuple[str, ...]) -> None:
    """One line saying which filters shape this page."""
    shown = {n: x for n, x in _shown(filters, v).items() if n in applies}
    if shown:
        st.info("Filtered view — " + md(_describe(shown)), icon="🔎")


def _shown(filters: D.Filters, v: Views) -> dict[str, list[str]]:
    """The filters that are on, each value as the reader sees it (and as the address bar writes it)."""
    return {s.name: [str(_format(s.name, v)(x)) for x in getattr(filters, s.name)] for s in D.FILTER_SPECS if getattr(filters, s.name)}


def _describe(shown: dict[str, list[str]]) -> str:
    """``Verdict: Contradicted; Topic: Pain relief`` (plain text: escape it for Markdown)."""
    return "; ".join(f"{D.SPEC[n].label}: {', '.join(values)}" for n, values in shown.items())


def url_value(name: str, allowed=None, max_len: int = 2000, label: str | None = None) -> str | None:
    """A URL parameter that no control is bound to (a teacher's quiz list), read only.

    Ignored unless it is one of ``allowed`` (when given; a value that is not is noted at
    the page's top, named by ``label``); text is cut at ``max_len``.
    """
    value = st.query_params.get(name)
    if not isinstance(value, str) or not value:
        return None
    if allowed is not None:
        if value in set(allowed):
            return value
        note_unread(name, label, [value])
        return None
    return value[:max_len]


# --- page frame ---------------------------------------------------------------------
def data_banner(v: Views) -> None:
    """A clear banner when the data has problems; the valid parts are still shown."""
    ds = v.ds
    if ds.ok:
        return
    n = len(ds.problems)
    aside = sum(len(x) for x in ds.set_aside.values())
    unreadable = ", ".join(ds.unreadable)
    msg = f"**The data folder has {n} problem{'s' if n != 1 else ''}.** "
    if aside:
        msg += f"{aside} record{'s were' if aside != 1 else ' was'} set aside and {'are' if aside != 1 else 'is'} not shown. "
    if ds.left_out:
        k = len(ds.left_out)
        where = ", ".join(dict.fromkeys(p.record for p in ds.left_out))
        msg += f"{k} quote{'s' if k != 1 else ''} that could not be found in {'their' if k != 1 else 'its'} article {'were' if k != 1 else 'was'} left out of {md(where)}, shown without {'them' if k != 1 else 'it'}. "
    if unreadable:
        msg += f"These tables could not be read at all: {md(unreadable)}. "
    msg += f"Everything else is shown. Run `python -m claimcheck validate {_shown_path(ds.data_dir)}` for the same list."
    st.error(msg, icon="⚠️")
    with st.expander(f"Show the {n} problem{'s' if n != 1 else ''}"):
        st.code("\n".join(str(p) for p in ds.problems[:500]) + ("\n…" if n > 500 else ""), language=None, wrap_lines=True)


def _shown_path(directory) -> str:
    """The data folder as a command line names it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(directory)
    except ValueError:  # another drive
        return str(directory)
    return rel if not rel.startswith("..") else str(directory)


def sidebar_footer(v: Views, where=None) -> None:
    with where if where is not None else st.sidebar:
        st.divider()
        meta = v.ds.meta
        st.caption(
            f"{NOTICE} {md(meta['notice'])}  \nData last updated {md(meta['last_updated'])} · data licence {md(meta['licence'])} · code MIT"
        )


def chart(
    fig: go.Figure | tuple, key: str, sources: str, not_shown: str | None = None, select: bool = False, notes=None, caption: bool = True
):
    """Draw a figure with its sources caption and, where misreading is likely, what it does not show.

    ``fig`` is a figure, or a (figure, text-alternative table) pair from
    :func:`ui.data.figure`. With ``select`` the chart reports clicked or
    lassoed marks; the selection event is returned. ``notes`` is where the
    caption and the data-table switch go (default: under the chart; the
    presenter puts them beside it, so a slide fits the screen). ``caption=False`` for a
    figure that carries its sources inside the picture (a presenter's slide): they are not
    said twice.
    """
    fig, table = fig if isinstance(fig, tuple) else (fig, None)
    kwargs = {"on_select": "rerun", "selection_mode": ("points",)} if select else {}
    # theme=None: the figure is drawn as built (claimcheck.charts.themed already drew it in the reader's theme and text size);
    # Streamlit's own chart theme would reset its fonts to 12 px and undo the presenter's scale.
    event = st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", theme=None, alt=chart_alt(fig, sources), **kwargs)
    with notes if notes is not None else nullcontext():
        # One caption element, not two: every element is one more message for the browser to render.
        if caption:
            st.caption(f"**Sources:** {sources}" + (f"  \n**What this does not show:** {not_shown}" if not_shown else ""))
        # The text alternative is drawn on request: hidden data grids still cost the browser time.
        if st.toggle("Show this chart's data as a table", key=f"{key}.as-table"):
            if table is None:
                table = C.figure_table(fig)
            st.dataframe(table, hide_index=True, width="stretch")
    return event


def chart_alt(fig: go.Figure, sources: str) -> str:
    """The chart's text alternative for screen readers: what it shows, where it comes from, where its data is."""
    plain = lambda text: " ".join(re.sub(r"<[^>]+>", " ", html.unescape(str(text or ""))).replace("\\", "").split())  # noqa: E731

    def sentence(text: str) -> str:
        return text if text.endswith((".", "?", "!")) else f"{text}."

    title = plain(fig.layout.title.text) or "Chart"
    return f"{sentence(title)} Sources: {sentence(plain(sources))} The switch under the chart shows its data as a table."


MAX_TABLE_ROWS = 500


def table(df, key: str, limit: int = MAX_TABLE_ROWS, **kwargs):
    """Show a table, at most ``limit`` rows, saying so when rows are left out.

    Sending tens of thousands of rows would make the page slow and heavy; the
    page's CSV download always carries every row.
    """
    if len(df) > limit:
        st.caption(f"Showing the first {limit:,} of {len(df):,} rows; the download below has them all.")
        df = df.head(limit)
    kwargs.setdefault("alt", f"Table of {len(df):,} rows; columns: {', '.join(map(str, df.columns))}.")
    return st.dataframe(blank_missing(df), hide_index=True, width="stretch", key=key, **kwargs)


def download(label: str, build, file_name: str, key: str, mime: str = "text/csv", **kwargs) -> None:
    """A download button whose file is built only when it is clicked (``build`` is a function returning bytes)."""
    st.download_button(label, data=build, file_name=file_name, mime=mime, key=key, on_click="ignore", **kwargs)


def table_download(label: str, table, file_name: str, key: str, what: str, sources: str, caveat: str = "", filtered: bool = True) -> None:
    """A CSV download of a view's table that carries its notes: what it is, its sources, the filters, its caveats.

    Built only when clicked. ``filtered``: whether the shared filters shaped the table (they
    are named in the notes); a table that ignores them says it holds every record.
    """
    import datetime as dt

    from claimcheck.export import csv_bytes, export_notes

    shown = st.session_state.get("_frame.filter_params") or {}
    filters = (_describe(shown) if shown else None) if filtered else "none apply to this table (every record)"
    notes = export_notes(views().ds.meta, what, sources, filters, caveat, dt.date.today().isoformat())
    download(label, lambda: csv_bytes(table() if callable(table) else table, notes), file_name, key)


def blank_missing(df):
    """Empty text where a text cell has no value: a grid would otherwise print "None" or "nan" to the reader."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(lambda x: "" if x is None or (isinstance(x, float) and x != x) else x)
    return out


def selected_ids(event) -> list[str]:
    """Record ids (customdata[0]) of the marks selected in a chart event."""
    if event is None:
        return []
    try:
        points = event.selection.points if hasattr(event, "selection") else event["selection"]["points"]
    except (KeyError, TypeError, AttributeError):
        return []
    out = []
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, dict) else None
        if isinstance(cd, (list, tuple)) and cd:
            out.append(str(cd[0]))
        elif isinstance(cd, str):
            out.append(cd)
    return list(dict.fromkeys(out))


def new_selection(key: str) -> list[str]:
    """Ids selected in chart ``key`` if the selection changed since the last run, else [].

    Chart selections persist across reruns; acting only on a change lets a
    selectbox fed by the same chart still be changed by hand afterwards. Reads
    the widget state, so it works before the chart is drawn in this run.
    """
    ids = selected_ids(st.session_state.get(key))
    prev_key = f"{key}.previous-selection"
    changed = ids != st.session_state.get(prev_key, [])
    st.session_state[prev_key] = ids
    return ids if changed else []


def empty_state(what: str, filters: D.Filters, table: str | None = None) -> None:
    """Why nothing is listed: the filters, records set aside for data problems, or no data yet."""
    if filters.active:
        st.warning(f"No {what} match the current filters. Clear some filters (under Filters) to see more.", icon="🔎")
    else:
        st.info(no_records(views(), table or what, what), icon="ℹ️")


def no_records(v: Views, table: str, what: str) -> str:
    """What to say when ``table`` has nothing to show: not yet any, or every record set aside or unreadable.

    "There is no data yet" over a table whose rows were all set aside (a header missing a
    column, a file that cannot be read) would send a curator looking in the wrong place.
    """
    ds = v.ds
    if table in ds.unreadable:
        return f"The {what} could not be read: see the data problems at the top of the page."
    n = len(ds.set_aside.get(table, ()))
    if n:
        return f"All {n} {what} were set aside because of data problems (listed at the top of the page); none can be shown until they are fixed."
    return f"There are no {what} in the data yet."


def missing_record_notice(v: Views, name: str, table: str, label: str) -> None:
    """Say why a record named in the URL (``?claim=C001``) is not shown, instead of silently opening nothing."""
    value = st.query_params.get(name)
    if not isinstance(value, str) or not value:
        return
    # the link names the record by id, or as its list shows it ("C001 · its statement", the bound box's form)
    value = value if value in (ids := set(v.ds[table]["id"])) else id_in_link(value)
    if value in ids:
        return
    _run.explained.add(name)  # said here, with the reason; not again in the link note
    if value in set(v.ds.set_aside.get(table, ())):
        st.warning(f"{label} {md(value[:60])} is not shown: it was set aside because of a data problem (see the banner above).", icon="⚠️")
    else:
        st.info(f"There is no {label.lower()} {md(value[:60])} in the data; the link may be out of date.", icon="ℹ️")


def view_picker(
    key: str, views: dict[str, str], default: str, label: str = "Show", opening: str | None = None, when_linked: tuple[str, ...] = ()
) -> str:
    """One segmented control choosing a page's main view (a chart or a full table), bound to the URL as ``key``.

    Pages show one main view at a time: each chart costs the browser time to
    draw, and a data grid's code is a large part of a first visit. The URL names
    the view unless it is the default, so a shared link reopens it.
    ``opening`` is the view to open with when the URL names none (default: ``default``);
    with ``when_linked``, only when the link names one of those parameters (a link
    shared before the views existed, carrying the settings of one of them).
    """
    if when_linked and not set(when_linked) & set(st.query_params):
        opening = None
    if opening and opening != default and key not in st.session_state and key not in st.query_params:
        st.session_state[key] = opening
    from_link(key, views, views.get, label=label)
    return st.segmented_control(label, list(views), format_func=views.get, key=key, default=default, bind=BIND) or default


def pick_from_chart(chart_key: str, target: str, allowed, convert=None) -> None:
    """Make a mark selected on chart ``chart_key`` the value of the select box ``target`` (call before drawing it).

    Acts only when the chart's selection changed, so the select box can still be
    changed by hand (and by keyboard) afterwards. Each selected mark is decoded
    (:func:`claimcheck.marks.decode`); ``convert`` maps the :class:`~claimcheck.marks.Mark`
    to the select box's value (a figure to its harm), by default its key (``C001``,
    ``pain|rct``); values not in ``allowed`` are ignored.
    """
    from claimcheck import marks

    ok = set(allowed)
    for picked in new_selection(chart_key):
        mark = marks.decode(picked)
        if mark is None:
            continue
        value = convert(mark) if convert else mark.key
        if value in ok:
            st.session_state[target] = value
            return


def keep_valid(key: str, allowed, fallback=None) -> None:
    """Before drawing a bound select box: replace a value it cannot show (stale, or from another page) with ``fallback``."""
    if key in st.session_state and st.session_state[key] not in set(allowed):
        if fallback is None:
            del st.session_state[key]
        else:
            st.session_state[key] = fallback


# --- screens ---------------------------------------------------------------------------
# Custom CSS is kept to what the theme cannot say, and uses no colour of one theme only:
# the focus ring's blue reads on both backgrounds (5.1:1 on white, 3.7:1 on #0E1117), and
# turns to the dark theme's lighter blue when the reader's system is dark.
FOCUS_LIGHT, FOCUS_DARK = "#0072B2", "#56B4E9"
SCREEN_CSS = f"""<style>
:focus-visible, [data-baseweb="input"]:focus-within, [data-baseweb="textarea"]:focus-within,
[data-baseweb="select"]:focus-within, [data-testid="stDataFrame"]:focus-within {{
  outline: 3px solid {FOCUS_LIGHT} !important; outline-offset: 2px !important;
}}
[data-baseweb] input:focus-visible, [data-baseweb] textarea:focus-visible {{ outline: none !important; }}
/* a closed sidebar sits off-screen but kept its links in the Tab order: ten invisible stops, and Enter left the page */
[data-testid="stSidebar"][data-collapsed="true"] {{ visibility: hidden; }}
/* a headline number's label says exactly what it counts, so it wraps rather than ending in "…" */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{ white-space: normal !important; overflow: visible !important; }}
@media (prefers-color-scheme: dark) {{
  :focus-visible, [data-baseweb="input"]:focus-within, [data-baseweb="textarea"]:focus-within,
  [data-baseweb="select"]:focus-within, [data-testid="stDataFrame"]:focus-within {{ outline-color: {FOCUS_DARK} !important; }}
}}
</style>"""
# On a phone the open sidebar covers the whole page. Streamlit remembers a reader's last
# open/closed choice in the browser and reapplies it on every page, so once opened to pick
# a page it would reopen over every page after. On arriving at a page on a narrow screen
# (Streamlit's own 768 px breakpoint), close it; a filter changed in the open sidebar is
# not an arrival and leaves it open. A fixed script, no data in it.
CLOSE_SIDEBAR_ON_PHONE = """<script>
(() => {
  if (!window.matchMedia("(max-width: 768px)").matches) return;
  const close = () => {
    const b = document.querySelector('button[aria-label="Collapse sidebar"][aria-expanded="true"]');
    if (b) b.click();
  };
  close();
  setTimeout(close, 300);
})();
</script>"""
# Streamlit draws a popover's contents at the end of the page, so Tab from a popover's button (the
# Filters, a list behind a chart) would first pass every link and control of the page. When the
# button is pressed from the keyboard (a click with no pointer: detail 0), move the focus to the
# first control inside. Installed once
# per browser tab; a fixed script, no data in it.
FOCUS_INTO_FILTERS = """<script>
(() => {
  if (window.__claimcheckFiltersFocus) return;
  window.__claimcheckFiltersFocus = true;
  document.addEventListener("click", (e) => {
    if (e.detail !== 0 || !e.target.closest || !e.target.closest("[data-testid=stPopover] button")) return;
    let tries = 0;
    const focus = () => {
      const body = document.querySelector("[data-testid=stPopoverBody]");
      const first = body && body.querySelector("input, textarea, button, a[href], [tabindex]:not([tabindex='-1'])");
      if (first) first.focus();
      else if (++tries < 20) setTimeout(focus, 50);
    };
    setTimeout(focus, 50);
  }, true);
  // A button pressed from the keyboard can be disabled or redrawn by the run it starts (Next on the
  // last step, "Next claim"); the browser then drops the focus to the page's body and a keyboard
  // user starts again from the top. Put it back: on the same button redrawn, or on the nearest
  // enabled button of its row. Only when the control the reader was on is gone or disabled, so a
  // click elsewhere is never undone.
  let last = null, label = "";
  document.addEventListener("focusin", (e) => { last = e.target; label = (e.target.innerText || "").trim(); }, true);
  new MutationObserver(() => {
    if (!last || document.activeElement !== document.body || (last.isConnected && !last.disabled)) return;
    const same = label && [...document.querySelectorAll("button:not([disabled])")].find((b) => b.innerText.trim() === label);
    const row = last.isConnected && last.closest("[data-testid=stHorizontalBlock]");
    const near = row && row.querySelector("button:not([disabled])");
    const target = same || near;
    last = null;
    if (target) target.focus();
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["disabled"] });
})();
</script>"""


def embedded() -> bool:
    """Whether the app is shown inside another page (``?embed=true``)."""
    try:
        return bool(st.context.is_embedded)
    except AttributeError:  # outside a running app
        return False


def page_setup(key: str, sidebar: str = "auto") -> tuple[Views, D.Filters]:
    """Draw the frame every page shares and return the data and the shared filters.

    Page config (title, icon, wide layout), the navigation and the filters in the
    sidebar (bound to the URL), the data-problem banner and the not-advice notice.
    Every page script starts with this call, with its key in ``claimcheck.sitemap``:
    a deep link on a fresh server runs the page script alone, without the entry script.
    ``sidebar="auto"`` keeps it closed on a phone, where it would cover the page.
    Embedded in another page (``?embed=true``, often a narrow frame) there is no sidebar:
    the pages and filters sit in a closed expander at the top, so the page keeps its width.
    """
    _start_link_notes()
    v = views()
    meta = v.ds.meta
    inside = embedded()
    st.set_page_config(
        page_title=f"{page(key).title} · {meta['title']}",
        page_icon=page_icon(meta["icon"]),
        layout="wide",
        initial_sidebar_state="collapsed" if inside else sidebar,
    )
    st.html(SCREEN_CSS)
    st.session_state["_frame.drew_arrival"] = False
    arriving = _arrive(key, v)
    where = st.expander("Pages and filters", icon=":material/tune:") if inside else st.sidebar
    filters = filters_ui(v, where)
    nav_ui(where)  # after the filters: its links carry them
    sidebar_footer(v, where)
    if inside:
        st.caption(f"{NOTICE} {md(meta['notice'])}")
    if arriving:
        with st.sidebar if not inside else nullcontext():
            st.html(FOCUS_INTO_FILTERS + ("" if inside else CLOSE_SIDEBAR_ON_PHONE), unsafe_allow_javascript=True)
        st.session_state.pop("_frame.arriving", None)
        st.session_state["_frame.drew_arrival"] = True
    data_banner(v)
    link_notes(st.empty())  # what the link asked for and did not get, said here; pages add theirs as they read them
    return v, filters
