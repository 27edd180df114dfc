"""Legality: world and US maps of legal status, as of a chosen year, with sources."""

import datetime as dt

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from ui.frame import chart, page_setup, set_url_param, url_param

STALE_DAYS = 365
v, filters = page_setup("Legality")
st.title("Legality")
st.caption("**Not legal advice.** Laws change quickly; every status shows when its source was last checked.")
legality = v.ds["legality"]
if legality.empty:
    st.info("There is no legal data yet.")
    st.stop()
today = dt.date.today()
first, last = D.legal_years(legality)
years = list(range(first, max(last, today.year) + 1))
year_param = url_param("year", [str(y) for y in years])
scope_param = url_param("scope", list(L.SCOPE))
c1, c2 = st.columns([3, 2])
year = c1.select_slider("Show the law as of the end of", years, value=int(year_param) if year_param else today.year, key="legality.year")
scope = c2.radio(
    "Rules about",
    list(L.SCOPE),
    index=list(L.SCOPE).index(scope_param or "leaf"),
    format_func=L.SCOPE.get,
    key="legality.scope",
    horizontal=True,
)
set_url_param("year", None if year == today.year else str(year))
set_url_param("scope", None if scope == "leaf" else scope)
when = today if year == today.year else dt.date(year, 12, 31)
status = D.status_as_of(legality, when, scope)
regions = filters.region or D.REGIONS
source_note = "Legality table: each status with the page where it was seen (see the table below)."
if "world" in regions:
    world = status[status["level"].isin(["country", "federal"])]
    chart(C.legal_map(world, "world", f"Where is it legal? Countries, as of {when:%d %b %Y}"), key="legality.world", sources=source_note,
          not_shown="Countries with no entry are blank: no source was found, which does not mean it is legal there.")  # fmt: skip
if "us" in regions:
    us = status[status["level"] == "state"]
    chart(C.legal_map(us, "us", f"Where is it legal? US states, as of {when:%d %b %Y}"), key="legality.us", sources=source_note,
          not_shown="City and county rules (listed in the table below) and the federal position are not coloured on this map.")  # fmt: skip

st.subheader("Every entry, with its source")
table = legality.copy()
table["Status"] = table["status"].map(L.LEGAL_STATUS)
table["Checked (days ago)"] = D.check_age_days(table["last_checked"], today)
table["Flags"] = [
    " ".join(
        x for x in ("⚠ low confidence" if c == "low" else "", f"⏳ older than {STALE_DAYS} days" if (a or 0) > STALE_DAYS else "") if x
    )
    for c, a in zip(table["confidence"], table["Checked (days ago)"])
]
table["Source"] = table["source_urls"].apply(lambda u: u[0] if u else None)
show = table[
    [
        "code",
        "name",
        "level",
        "scope",
        "Status",
        "start",
        "end",
        "instrument",
        "confidence",
        "Flags",
        "Checked (days ago)",
        "Source",
        "disagreement",
    ]
]
st.dataframe(show, hide_index=True, width="stretch", key="legality.table",
             column_config={"Source": st.column_config.LinkColumn("Source", display_text="open ↗")})  # fmt: skip
st.download_button("Download the legal table (CSV)", show.to_csv(index=False).encode(), "legality.csv", "text/csv", key="legality.download")
