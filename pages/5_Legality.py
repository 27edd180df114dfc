"""Legality: world and US maps of legal status, as of a chosen year, with sources and history."""

import datetime as dt

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import freshness as F
from claimcheck import labels as L
from claimcheck.export import csv_bytes
from ui.cards import legal_history
from ui.data import cached_figure
from ui.frame import chart, md, new_selection, page_setup, set_url_param, url_param, view_picker
from ui.frame import table as show_table

STALE_DAYS = D.STALE_DAYS


v, filters = page_setup("Legality")
st.title("Legality")
st.caption(
    "**Not legal advice.** Laws change quickly and many entries rest on secondary pages: every status shows its source, "
    f"when it was last checked, and its confidence. ⏳ marks a check older than {STALE_DAYS} days; ? and ⚠ mark low confidence."
)
legality = v.ds["legality"]
if legality.empty:
    st.info("There is no legal data yet.")
    st.stop()
today = dt.date.today()
sweep = F.legal_sweep(legality.to_dict("records"), today, STALE_DAYS)
if sweep.latest:
    swept = dt.date.fromisoformat(sweep.latest)
    st.caption(
        f"Table last swept: **{swept.day} {swept:%b %Y}** (the latest check of an entry in force) · "
        f"**{sweep.overdue} of {sweep.current}** entries in force are overdue for a re-check (read more than {sweep.limit} days ago, marked ⏳)."
    )
first, last = D.legal_years(legality)
years = list(range(first, max(last, today.year) + 1))
year_param = url_param("year", [str(y) for y in years])
SCOPES = v.ds.meta["legal_scopes"]  # the topic's scopes and their names (dataset.yaml)
scope_param = url_param("scope", list(SCOPES))
c1, c2 = st.columns([3, 2])
year = c1.select_slider("Show the law as of the end of", years, value=int(year_param) if year_param else today.year, key="legality.year")
scope = c2.radio(
    "Rules about",
    list(SCOPES),
    index=list(SCOPES).index(scope_param) if scope_param else 0,
    format_func=SCOPES.get,
    key="legality.scope",
    horizontal=True,
)
set_url_param("year", None if year == today.year else str(year))
set_url_param("scope", None if scope == next(iter(SCOPES), None) else scope)
when = today if year == today.year else dt.date(year, 12, 31)
status = D.status_as_of(legality, when, scope)
regions = filters.region or D.REGIONS
source_note = "Legality table: each status with the page where it was seen (hover a place, select it for its history below, or choose Show: Every entry)."
# A place (or a timeline event) selected on a chart opens its history below.
picked = new_selection("legality.world") + new_selection("legality.us") + new_selection("legality.timeline")

federal = status[status["level"] == "federal"]
if not federal.empty:
    f = federal.iloc[0]
    st.markdown(
        f"**{md(f['name'])}, {md(SCOPES.get(scope, str(scope)).lower())}:** {md(L.LEGAL_STATUS[f['status']])} — {md(f['instrument'] or '')}"
    )

# One view at a time: each geo map costs the browser about a second to draw, and the
# full table loads the data grid's code; each view has its own link (?map=...).
VIEWS = {"world": "World map", "us": "United States map", "timeline": "Timeline of rule changes", "table": "Every entry, with its source"}
which = view_picker("legality.map", "map", VIEWS, regions[0] if len(regions) == 1 else "world")
timeline = v.ds["timeline"]
if which == "world":
    world = status[status["level"].isin(["country", "federal"])]
    chart(
        cached_figure(v, "legality.world", (str(when), scope, str(today)), lambda: C.legal_map(world, "world", f"Where is it legal? Countries, as of {when:%d %b %Y}", today=today)),
        key="legality.world", sources=source_note, select=True,
        not_shown="Countries with no entry are blank: no source was found, which does not mean it is legal there.",
    )  # fmt: skip
elif which == "us":
    us = status[status["level"] == "state"]
    chart(
        cached_figure(
            v, "legality.us", (str(when), scope, str(today)),
            lambda: C.legal_map(us, "us", f"Where is it legal? US states, as of {when:%d %b %Y}", local=D.local_rules_by_state(status), today=today),
        ),
        key="legality.us", sources=source_note, select=True,
        not_shown="The federal position (above) also applies in every state. ★ marks states with city or county rules; "
        "they are listed when you hover the star, and in Show: Every entry.",
    )  # fmt: skip
elif which == "table":
    show = D.provenance_table(legality, today, STALE_DAYS, SCOPES).rename(columns=L.LEGAL_TABLE_COLUMNS)
    st.markdown(f"**{len(show)} entries**, every period of every place, whatever the year chosen above.")
    show_table(show, "legality.table", column_config={"Source": st.column_config.LinkColumn("Source", display_text="open ↗")})
    st.download_button("Download the legal table (CSV)", csv_bytes(show), "legality.csv", "text/csv", key="legality.download")
elif timeline.empty:
    st.info("There are no dated events in the timeline table yet.")
else:
    events = D.timeline_events(timeline, v.place_names)
    chart(cached_figure(v, "legality.timeline", (), lambda: C.timeline(events)), key="legality.timeline", sources="Legal timeline table: each event with the page where it was seen.", select=True,
          not_shown="Only the federal and national events that were sourced; most state changes are in Show: Every entry. "
          "Select an event to open its jurisdiction's history below. The as-of year does not apply to the timeline.")  # fmt: skip

st.header("One jurisdiction's history")
codes = list(dict.fromkeys(legality.sort_values("name")["code"]))
names = v.place_names
event_place = dict(zip(timeline["id"], timeline["jurisdiction"]))
picked = [event_place.get(p, p) for p in picked]
if picked and picked[0] in codes:
    st.session_state["legality.place"] = picked[0]
elif "legality.place" not in st.session_state:
    st.session_state["legality.place"] = url_param("place", codes) or ("USA" if "USA" in codes else codes[0])
place = st.selectbox("Jurisdiction (or select one on a map)", codes, format_func=lambda c: f"{names.get(c, c)} ({c})", key="legality.place")
set_url_param("place", place)
legal_history(D.jurisdiction_history(legality, place), today, STALE_DAYS, SCOPES)
