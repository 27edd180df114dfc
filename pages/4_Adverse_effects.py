"""Adverse effects: what the articles mention against what is reported."""

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck import schema as S
from claimcheck.export import csv_bytes
from ui.cards import harm_card
from ui.data import cached_figure
from ui.frame import chart, init_from_url, md, new_selection, page_setup, set_url_param, sync_to_url, url_param, view_picker
from ui.frame import table as show_table

v, filters = page_setup("Adverse effects")
st.title("Adverse effects")
st.caption("Harm is rated apart from benefit. Severity classes are editorial judgements of typical clinical severity.")
mentions = v.harm_mentions
if mentions.empty:
    st.info("There are no harms in the data yet.")
    st.stop()
unmentioned = D.unwarned_serious_harms(mentions)
if not unmentioned.empty:
    st.warning("**Serious harms no article warns about:** " + ", ".join(md(h) for h in unmentioned["harm"]), icon="⚠️")

figs = v.figures
kinds_present = [k for k in S.DATA_KINDS if k in set(figs["data_kind"])]
systems = sorted(v.ds["harms"]["body_system"].unique())
# One view at a time: every chart costs the browser time to draw, and each view answers its own question.
VIEWS = {"warnings": "Which harms do the articles warn about?", "by_year": "Reports by year", "how_often": "How often: the figures"}
# A link with figure settings but no view (as shared before views existed) opens the figures.
figure_link = any(p in st.query_params for p in ("kind", "severity", "system"))
view = view_picker("harms.view", "view", VIEWS, "warnings", opening="how_often" if figure_link else None)
if view != "how_often":
    for param in ("kind", "severity", "system"):
        set_url_param(param, None)

if view == "warnings":
    chart(
        cached_figure(v, "harms.mentions", (), lambda: C.mentioned_vs_reported(mentions, v.ds["articles"])),
        key="harms.mentions",
        select=True,
        sources="Harms table; each mention is a verbatim quote from the article, checked by the validator, "
        "with whether it warns of the harm or mentions it only to deny or minimise it.",
        not_shown="How often each harm happens: see the figures (Show: How often). Select a mark to open the harm below.",
    )
elif view == "by_year":
    yearly = D.yearly_counts(figs)
    chart(
        cached_figure(v, "harms.by_year", (), lambda: C.counts_by_year(yearly)),
        key="harms.by_year",
        select=True,
        sources="; ".join(dict.fromkeys(md(s) for s in yearly["source_label"])) or "none",
        not_shown="How many people use the product, so no rate of harm: a rise in calls can reflect more use, more awareness or more "
        "reporting. Each line is one source, with the years it reported; lines from different sources are not joined.",
    )
else:
    st.caption(
        "Figures of different kinds count different things (calls, survey answers, cases, deaths), so they are never put on "
        "one axis. Choose a kind of data: each panel shows one kind and one unit on its own axis, with the denominator in every label."
    )
    init_from_url("harms.kind", "kind", kinds_present)
    if kinds_present and st.session_state.get("harms.kind") not in kinds_present:
        st.session_state["harms.kind"] = kinds_present[0]
    kind = (
        st.segmented_control("Kind of data", kinds_present, format_func=L.DATA_KIND.get, key="harms.kind") or (kinds_present or [None])[0]
    )
    sync_to_url("kind", kind)
    c1, c2 = st.columns(2)
    init_from_url("harms.severity", "severity", S.SEVERITY, multi=True)
    init_from_url("harms.system", "system", systems, multi=True)
    sev = c1.multiselect("Severity", S.SEVERITY, format_func=L.SEVERITY.get, key="harms.severity", placeholder="All")
    sysf = c2.multiselect("Body system", systems, key="harms.system", placeholder="All")
    sync_to_url("severity", sev)
    sync_to_url("system", sysf)
    shown = D.filter_figures(figs, v.ds["harms"], sev, sysf, [kind] if kind else [])
    if shown.empty:
        st.warning("No figures match these choices.", icon="🔎")
    else:
        st.caption("Blue bars: figure seen on the primary record. Orange striped bars: seen only on a secondary page ⚠.")
        chart(
            cached_figure(v, "harms.panels", (kind, tuple(sev), tuple(sysf)), lambda: C.kind_panels(shown, L.DATA_KIND[kind])),
            key="harms.panels",
            select=True,
            sources="; ".join(dict.fromkeys(md(s) for s in shown["source_label"])),
            not_shown=L.DATA_KIND_MEANING[kind],
        )
if view == "how_often" and not shown.empty:
    table = D.figures_for_display(shown)
    show_table(table, "harms.table", column_config={"Source": st.column_config.LinkColumn("Source", display_text="open ↗")})
    st.download_button("Download these figures (CSV)", csv_bytes(table), "harm-figures.csv", "text/csv", key="harms.download")

st.header("One harm in detail")
harm_ids = list(mentions["harm_id"])
names = dict(zip(mentions["harm_id"], mentions["harm"]))
harm_of_figure = dict(zip(figs["id"], figs["harm_id"]))
# A mark selected on the chart in view opens its harm here.
for key in ("harms.mentions", "harms.by_year", "harms.panels"):
    for picked in new_selection(key):
        harm_id = harm_of_figure.get(picked, picked)
        if harm_id in harm_ids:
            st.session_state["harms.pick"] = harm_id
if "harms.pick" not in st.session_state:
    st.session_state["harms.pick"] = url_param("harm", harm_ids) or harm_ids[0]
harm = st.selectbox("Harm (or select a mark on a chart)", harm_ids, format_func=names.get, key="harms.pick")
set_url_param("harm", harm)
harm_card(v, harm)
