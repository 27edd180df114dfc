"""Adverse effects: what the articles mention against what is reported."""

import streamlit as st

from claimcheck import texts
from ui.cards import harm_card
from ui.data import derived, figure
from ui.frame import chart, keep_valid, md, no_records, page_setup, pick_from_chart, select, view_picker
from ui.harms import FIGURE_SETTINGS, figures_view

v, filters = page_setup("harms")
st.title("Adverse effects")
st.caption("Harm is rated apart from benefit. Severity classes are editorial judgements of typical clinical severity.")
if not v.harm_names:
    st.info(no_records(v, "harms", "harms"))
    st.stop()
unmentioned = derived(v, "unwarned_harm_names")
if unmentioned:
    st.warning("**Serious harms no article warns about:** " + ", ".join(md(h) for h in unmentioned), icon="⚠️")
names = v.harm_names
harm_ids = list(names)
# One view at a time; a link with figure settings but no view (shared before views existed) opens the figures.
VIEWS = {"warnings": "Which harms do the articles warn about?", "by_year": "Reports by year", "how_often": "How often: the figures"}
view = view_picker("view", VIEWS, "warnings", opening="how_often", when_linked=FIGURE_SETTINGS)
for key in ("harms.mentions", "harms.by_year", "harms.panels"):  # a mark selected on the chart in view opens its harm below
    pick_from_chart(key, "harm", harm_ids, lambda m: v.figure_harm.get(m.key) if m.kind == "figure" else m.key)
if view == "warnings":
    chart(figure(v, "harm_warnings"), key="harms.mentions", select=True, **texts.caption("harms.mentions"))
elif view == "by_year":
    sources = "; ".join(md(s) for s in derived(v, "yearly_sources")) or "none"
    chart(figure(v, "harms_by_year"), key="harms.by_year", select=True, **texts.caption("harms.by_year", sources=sources))
else:
    figures_view(v)
st.header("One harm in detail")
keep_valid("harm", harm_ids)
# No harm opens by default: a card drawn on arrival cost a first visit about a tenth of the floor (bench/bench.py).
harm = select(
    "Harm (or select a mark on a chart)",
    harm_ids,
    "harm",
    names.get,
    behind="Choose a harm from a list",
    index=None,
    placeholder="Choose a harm",
)
if harm:
    harm_card(v, harm)
else:
    st.caption(
        "Select a mark on a chart, or choose a harm from the list, to see what is known about it: its figures, what each article says and the claims it bears on."
    )
