"""Adverse effects: what the articles mention against what is reported."""

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck import schema as S
from ui.frame import chart, md, page_setup

v, filters = page_setup("Adverse effects")
st.title("Adverse effects")
st.caption("Harm is rated apart from benefit. Severity classes are editorial judgements of typical clinical severity.")
mentions = v.harm_mentions
if mentions.empty:
    st.info("There are no harms in the data yet.")
    st.stop()
chart(
    C.mentioned_vs_reported(mentions, v.ds["articles"]),
    key="harms.mentions",
    sources="Harms table; each mention is a verbatim quote from the article, checked by the validator.",
    not_shown="How often each harm happens: see the figures below, one panel per kind of data.",
)
unmentioned = mentions[(mentions["n_articles"] == 0) & mentions["severity"].isin(["serious", "life_threatening"])]
if not unmentioned.empty:
    st.warning("**Serious harms no article mentions:** " + ", ".join(md(h) for h in unmentioned["harm"]), icon="⚠️")

st.subheader("How often: one panel per kind of data")
figs = v.figures
c1, c2, c3 = st.columns(3)
sev = c1.multiselect("Severity", S.SEVERITY, format_func=L.SEVERITY.get, key="harms.severity", placeholder="All")
systems = sorted(v.ds["harms"]["body_system"].unique())
sysf = c2.multiselect("Body system", systems, key="harms.system", placeholder="All")
kinds = c3.multiselect("Kind of data", S.DATA_KINDS, format_func=L.DATA_KIND.get, key="harms.kind", placeholder="All")
shown = D.filter_figures(figs, v.ds["harms"], sev, sysf, kinds)
if shown.empty:
    st.warning("No figures match these choices.", icon="🔎")
for kind in [k for k in S.DATA_KINDS if k in set(shown["data_kind"])]:
    part = shown[shown["data_kind"] == kind]
    chart(
        C.figure_panel(part, L.DATA_KIND[kind]),
        key=f"harms.panel.{kind}",
        sources="; ".join(dict.fromkeys(md(s) for s in part["source_label"])),
        not_shown=L.DATA_KIND_MEANING[kind],
    )
if not shown.empty:
    table = shown[
        [
            "harm",
            "value",
            "unit",
            "denominator",
            "denominator_label",
            "data_kind_label",
            "period",
            "place",
            "source_label",
            "source_url",
            "verification",
            "note",
        ]
    ]
    st.dataframe(
        table, hide_index=True, width="stretch", key="harms.table",
        column_config={"source_url": st.column_config.LinkColumn("Source", display_text="open ↗")},
    )  # fmt: skip
    st.download_button(
        "Download these figures (CSV)", table.to_csv(index=False).encode(), "harm-figures.csv", "text/csv", key="harms.download"
    )
