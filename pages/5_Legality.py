"""Legality: world and US maps of legal status, as of a chosen year, with sources and history."""

import datetime as dt

import streamlit as st

from claimcheck import domain as D
from claimcheck import texts
from ui.cards import federal_line, legal_history, legal_table, sweep_line
from ui.data import derived, figure
from ui.frame import BIND, chart, from_link, keep_valid, md, no_records, page_setup, pick_from_chart, select, view_picker

v, filters = page_setup("legality")
st.title("Legality")
st.caption(
    "**Not legal advice.** Laws change quickly and many entries rest on secondary pages: every status shows its source, "
    f"when it was last checked, and its confidence. ⏳ marks a check older than {D.STALE_DAYS} days; ? and ⚠ mark low confidence."
)
legality, timeline, today = v.ds["legality"], v.ds["timeline"], dt.date.today()
if legality.empty:
    st.info(no_records(v, "legality", "legal entries"))
    st.stop()
sweep_line(v, today)
first, last = derived(v, "legal_years")
SCOPES = v.ds.meta["legal_scopes"]  # the topic's scopes and their names (dataset.yaml)
c1, c2 = st.columns([3, 2])
years = list(range(first, max(last, today.year) + 1))
from_link("year", years, label="Year")
year = c1.select_slider("Show the law as of the end of", years, value=today.year, key="year", bind=BIND)
with c2:
    from_link("scope", SCOPES, SCOPES.get, label="Rules about")
    scope = st.radio("Rules about", list(SCOPES), format_func=SCOPES.get, key="scope", horizontal=True, bind=BIND)
federal_line(derived(v, "legal_status", year, scope, today), SCOPES.get(scope, str(scope)))
codes = derived(v, "place_codes")
event_place = dict(zip(timeline["id"], timeline["jurisdiction"]))
for key in ("legality.world", "legality.us", "legality.timeline"):  # a place or event selected on a chart opens its history
    pick_from_chart(key, "place", codes, lambda m: event_place.get(m.key) if m.kind == "event" else m.key)
# One view at a time: each geo map costs the browser about a second to draw.
VIEWS = {"world": "World map", "us": "United States map", "timeline": "Timeline of rule changes", "table": "Every entry, with its source"}
regions = filters.region or D.REGIONS
which = view_picker("map", VIEWS, "world", opening=regions[0] if len(regions) == 1 else None)
if which in ("world", "us"):
    chart(figure(v, f"{which}_map", year, scope, today), key=f"legality.{which}", select=True, **texts.caption(f"legality.{which}"))
elif which == "table":
    legal_table(legality, today, SCOPES)
elif timeline.empty:
    st.info("There are no dated events in the timeline table yet.")
else:
    chart(figure(v, "legal_timeline"), key="legality.timeline", select=True, **texts.caption("legality.timeline"))
st.header("One jurisdiction's history")
keep_valid("place", codes)
home = codes.index("USA") if "USA" in codes else 0  # the federal entry opens the page
name = lambda c: f"{v.place_names.get(c, c)} ({c})"  # noqa: E731
place = select("Jurisdiction (or select one on a map)", codes, "place", name, behind="Choose a place from a list", index=home)
st.markdown(f"#### {md(name(place))}")
legal_history(D.jurisdiction_history(legality, place), today, D.STALE_DAYS, SCOPES)
