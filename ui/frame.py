"""The frame every page shares: notice, data banner, shared filters in the URL, render helpers.

Text that comes from the data is never rendered as HTML: it is escaped before
it reaches Markdown, or shown in tables and code blocks.
"""

from __future__ import annotations

import html
import re
from dataclasses import fields

import plotly.graph_objects as go
import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck.dataset import DEFAULT_ICON
from claimcheck.safetext import LINE_BREAK, is_icon

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
    return _MD_SPECIAL.sub(r"\\\1", LINE_BREAK.sub("\n", str(text if text is not None else "")))


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
# .streamlit/config.toml) so the links can carry readable names and icons.
PAGES = (
    ("dashboard.py", "Overview", ":material/home:"),
    ("pages/1_Claims.py", "Claims", ":material/format_quote:"),
    ("pages/2_Evidence.py", "Evidence", ":material/science:"),
    ("pages/3_Articles.py", "Articles", ":material/article:"),
    ("pages/4_Adverse_effects.py", "Adverse effects", ":material/warning:"),
    ("pages/5_Legality.py", "Legality", ":material/gavel:"),
    ("pages/6_Classroom.py", "Classroom", ":material/school:"),
    ("pages/7_Methods_and_data.py", "Methods and data", ":material/menu_book:"),
    ("pages/8_Check_an_article.py", "Check an article", ":material/fact_check:"),
)
# Material icons ship with Streamlit, so they draw offline and without emoji fonts.


def nav_ui() -> None:
    with st.sidebar:
        for path, title, icon in PAGES:
            st.page_link(path, label=title, icon=icon)
        st.divider()


# --- filters in the URL ------------------------------------------------------------
_FILTER_HELP = {
    "article": ("Article", "Claims made by these articles (claims, overview, evidence, articles pages)."),
    "topic": ("Topic", "Claims about these topics."),
    "verdict": ("Verdict", "Claims with these verdicts."),
    "certainty": (
        "Certainty",
        "Health claims whose human evidence has this certainty. Claims about law, history or what a study reports are not "
        "graded, so they drop out while this filter is set.",
    ),
    "design": ("Study design", "Studies of these designs, and claims that rest on them."),
    "region": ("Region", "Which maps the legality page shows."),
}


def _format(name: str, v: Views):
    if name == "article":
        return lambda x: f"{x} · {v.article_labels.get(x, x)}"
    if name == "topic":
        return lambda x: v.topic_labels.get(x, x)
    mapping = {"verdict": L.VERDICT, "certainty": L.CERTAINTY, "design": L.DESIGN, "region": {"world": "World", "us": "United States"}}[
        name
    ]
    return lambda x: mapping.get(x, x)


def filters_ui(v: Views) -> D.Filters:
    """Draw the shared filters in the sidebar and keep them in the URL.

    A fresh browser opening a shared link gets the filters from the URL; after
    that the widgets are the source of truth and are written back to the URL on
    every run (page changes clear the query string, so it is restored here).
    """
    from_url = D.parse_filters(st.query_params.to_dict() | {k: st.query_params.get_all(k) for k in L.FILTER_PARAMS}, v.allowed)
    last = st.session_state.get("filters.last_url")
    url_changed = last is not None and D.filters_to_query(from_url) != last and any(k in st.query_params for k in L.FILTER_PARAMS)
    if last is None or url_changed:
        for f in fields(from_url):
            st.session_state[f"filter.{f.name}"] = list(getattr(from_url, f.name))
    with st.sidebar:
        st.markdown("### Filters")
        st.caption("Shared by every page and kept in the link, so any view can be shared.")
        chosen = {}
        for name in L.FILTER_PARAMS:
            title, help_text = _FILTER_HELP[name]
            key = f"filter.{name}"
            options = list(v.allowed[name])
            # Drop stale values (e.g. after a data edit removed an article).
            st.session_state[key] = [x for x in st.session_state.get(key, []) if x in options]
            if not options:  # nothing to choose from in this data (a topic with no legal table has no regions)
                chosen[name] = ()
                continue
            chosen[name] = tuple(st.multiselect(title, options, key=key, format_func=_format(name, v), help=help_text, placeholder="All"))
        if st.button("Clear filters", key="filter.clear", disabled=not any(chosen.values()), on_click=_clear_filters):
            pass
    filters = D.Filters(**chosen)
    query = D.filters_to_query(filters)
    for name in L.FILTER_PARAMS:
        if name in query:
            if st.query_params.get(name) != query[name]:
                st.query_params[name] = query[name]
        elif name in st.query_params:
            del st.query_params[name]
    st.session_state["filters.last_url"] = query
    return filters


def _clear_filters() -> None:
    for name in L.FILTER_PARAMS:
        st.session_state[f"filter.{name}"] = []


def filter_summary(filters: D.Filters, v: Views, applies: tuple[str, ...]) -> None:
    """One line saying which filters shape this page."""
    active = [n for n in applies if getattr(filters, n)]
    if not active:
        return
    parts = []
    for n in active:
        fmt = _format(n, v)
        parts.append(f"{_FILTER_HELP[n][0]}: " + ", ".join(fmt(x) for x in getattr(filters, n)))
    st.info("Filtered view — " + md("; ".join(parts)), icon="🔎")


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
    msg += "Everything else is shown. Run `python -m claimcheck validate` for the same list."
    st.error(msg, icon="⚠️")
    with st.expander(f"Show the {n} problem{'s' if n != 1 else ''}"):
        st.code("\n".join(str(p) for p in ds.problems[:500]) + ("\n…" if n > 500 else ""), language=None, wrap_lines=True)


def sidebar_footer(v: Views) -> None:
    with st.sidebar:
        st.divider()
        meta = v.ds.meta
        st.caption(
            f"{NOTICE} {md(meta['notice'])}  \nData last updated {md(meta['last_updated'])} · data licence {md(meta['licence'])} · code MIT"
        )


def chart(fig: go.Figure | tuple, key: str, sources: str, not_shown: str | None = None, select: bool = False):
    """Draw a figure with its sources caption and, where misreading is likely, what it does not show.

    ``fig`` is a figure, or a (figure, text-alternative table) pair from
    :func:`ui.data.cached_figure`. With ``select`` the chart reports clicked or
    lassoed marks; the selection event is returned.
    """
    fig, table = fig if isinstance(fig, tuple) else (fig, None)
    kwargs = {"on_select": "rerun", "selection_mode": ("points",)} if select else {}
    event = st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", **kwargs)
    # One caption element, not two: every element is one more message for the browser to render.
    st.caption(f"**Sources:** {sources}" + (f"  \n**What this does not show:** {not_shown}" if not_shown else ""))
    # The text alternative is drawn on request: hidden data grids still cost the browser time.
    if st.toggle("Show this chart's data as a table", key=f"{key}.as-table"):
        if table is None:
            table = C.figure_table(fig)
        st.dataframe(table, hide_index=True, width="stretch")
    return event


MAX_TABLE_ROWS = 500


def table(df, key: str, limit: int = MAX_TABLE_ROWS, **kwargs):
    """Show a table, at most ``limit`` rows, saying so when rows are left out.

    Sending tens of thousands of rows would make the page slow and heavy; the
    page's CSV download always carries every row.
    """
    if len(df) > limit:
        st.caption(f"Showing the first {limit:,} of {len(df):,} rows; the download below has them all.")
        df = df.head(limit)
    return st.dataframe(blank_missing(df), hide_index=True, width="stretch", key=key, **kwargs)


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


def empty_state(what: str, filters: D.Filters) -> None:
    if filters.active:
        st.warning(f"No {what} match the current filters. Clear some filters in the sidebar to see more.", icon="🔎")
    else:
        st.info(f"There are no {what} in the data yet.", icon="ℹ️")


def missing_record_notice(v: Views, name: str, table: str, label: str) -> None:
    """Say why a record named in the URL (``?claim=C001``) is not shown, instead of silently opening nothing."""
    value = st.query_params.get(name)
    if not isinstance(value, str) or not value or value in set(v.ds[table]["id"]):
        return
    if value in set(v.ds.set_aside.get(table, ())):
        st.warning(f"{label} {md(value[:60])} is not shown: it was set aside because of a data problem (see the banner above).", icon="⚠️")
    else:
        st.info(f"There is no {label.lower()} {md(value[:60])} in the data; the link may be out of date.", icon="ℹ️")


def url_param(name: str, allowed) -> str | None:
    """A page's own URL parameter, ignored unless it is one of the allowed values."""
    value = st.query_params.get(name)
    return value if isinstance(value, str) and value in set(allowed) else None


def set_url_param(name: str, value: str | None) -> None:
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def init_from_url(key: str, param: str, allowed=None, multi: bool = False, max_len: int = 200) -> None:
    """Seed a page widget from the URL the first time the page runs in a session.

    Unknown values are dropped; free text is trimmed to ``max_len`` characters.
    """
    if key in st.session_state:
        return
    raw = st.query_params.get(param)
    if not isinstance(raw, str) or not raw:
        return
    if multi:
        values = [x for x in raw.split(",") if allowed is None or x in set(allowed)]
        st.session_state[key] = list(dict.fromkeys(values))
    elif allowed is None:
        st.session_state[key] = raw[:max_len]
    elif raw in set(allowed):
        st.session_state[key] = raw


def sync_to_url(param: str, value) -> None:
    """Write a page control's value to the URL (a list as comma-separated text); empty removes it."""
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    set_url_param(param, value or None)


def view_picker(key: str, param: str, views: dict[str, str], default: str, label: str = "Show", opening: str | None = None) -> str:
    """One segmented control choosing a page's main view (a chart or a full table), kept in the URL as ``param``.

    Pages show one main view at a time: each chart costs the browser time to
    draw, and a data grid's code is a large part of a first visit. The URL names
    the view unless it is the default, so a shared link reopens it.
    ``opening`` is the view to open with when the URL names none (default: ``default``).
    """
    if key not in st.session_state:
        st.session_state[key] = url_param(param, views) or opening or default
    view = st.segmented_control(label, list(views), format_func=views.get, key=key) or default
    set_url_param(param, None if view == default else view)
    return view


def page_setup(page_title: str, sidebar: str = "expanded") -> tuple[Views, D.Filters]:
    """Draw the frame every page shares and return the data and the shared filters.

    Page config (title, icon, wide layout), the filters in the sidebar and the
    URL, the data-problem banner and the not-advice notice. Every page script
    starts with this call.
    """
    v = views()
    meta = v.ds.meta
    st.set_page_config(
        page_title=f"{page_title} · {meta['title']}", page_icon=page_icon(meta["icon"]), layout="wide", initial_sidebar_state=sidebar
    )
    nav_ui()
    filters = filters_ui(v)
    sidebar_footer(v)
    data_banner(v)
    return v, filters
