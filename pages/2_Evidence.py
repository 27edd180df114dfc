"""Evidence: the studies and official sources, on the design ladder."""

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck.export import csv_bytes
from ui.cards import STUDY_COLUMNS, study_rows
from ui.data import cached_figure
from ui.frame import chart, empty_state, filter_summary, md, page_setup, selected_ids, view_picker
from ui.frame import table as show_table

v, filters = page_setup("Evidence")
st.title("Evidence")
st.caption("Every study and official document behind the verdicts. ⚠ marks a source seen only on a secondary page.")
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))

claim_ids = set(D.filter_claims(v.claims, filters)["id"])
studies = D.filter_studies(v.studies, filters, claim_ids)
ladder = D.design_ladder(studies)
# One chart at a time: each costs the browser time to draw, and each answers its own question.
# The full study table is a view too: the data grid's code is a large part of a first visit.
VIEWS = {"map": "Evidence map: topics by kind of study", "ladder": "Design ladder: how many studies of each kind", "table": "All studies"}
view = view_picker("evidence.view", "view", VIEWS, "map")
rungs = []
uncounted = int((~studies["counted"]).sum())
not_counted_note = (
    f" {uncounted} registered, ongoing or unpublished stud{'ies are' if uncounted != 1 else 'y is'} listed under All studies but not counted."
    if uncounted
    else ""
)
if view == "ladder":
    rungs = selected_ids(st.session_state.get("evidence.ladder"))
    chart(
        cached_figure(v, "evidence.ladder", filters, lambda: C.design_ladder(ladder)),
        key="evidence.ladder",
        select=True,
        sources="Studies table; each study's design as recorded from its primary record or the page where it was seen.",
        not_shown="Whether the studies support or contradict the claims (see each claim's card). "
        "Traditional use is listed but never counts as evidence that something works. Only studies with published results are "
        "counted." + not_counted_note + " Select a bar to list its studies below.",
    )
    if not rungs:
        st.caption("Select a bar to list the studies of that kind.")
elif view == "map":
    links = D.evidence_links(v.ds)
    links = links[links["claim_id"].isin(claim_ids)]
    if filters.design:
        links = links[links["design"].isin(filters.design)]
    event = chart(
        cached_figure(v, "evidence.matrix", filters, lambda: C.evidence_matrix(D.evidence_matrix(links, v.ds["topics"]))),
        key="evidence.matrix",
        sources="Claim-study links: each study linked to a claim, with whether it supports or contradicts it; designs from the studies table.",
        not_shown="How good each study is within its rung, or how many people it studied: open a cell to see. "
        "A large mark in an animal or cell column is still no evidence in people. Only studies with published results are "
        "counted." + not_counted_note,
        select=True,
    )
    cells = [c for c in selected_ids(event) if "|" in c]
    if cells:
        topic, design = cells[0].split("|", 1)
        found = D.cell_studies(links, topic, design)
        st.markdown(
            f"**{md(v.topic_labels.get(topic, topic))} · {md(L.DESIGN.get(design, design))}: {len(found)} stud{'ies' if len(found) != 1 else 'y'}**"
        )
        if found.empty:
            st.info("No study of this design was found for this topic: this cell is a gap in the evidence.")
        else:
            st.dataframe(D.cell_studies_for_display(found), hide_index=True, width="stretch", key="evidence.cell",
                         column_config={"Link": st.column_config.LinkColumn("Link", display_text="open ↗")})  # fmt: skip
    else:
        st.caption("Select a mark (or a grey gap) to list the studies in that cell.")

if view == "table" or rungs:
    if rungs:
        studies = studies[studies["design"].isin(rungs) & studies["counted"]]
        st.info(
            "Showing the studies of the bar selected on the ladder: "
            + md(", ".join(L.DESIGN.get(r, r) for r in rungs))
            + ". Double-click the ladder to clear.",
            icon="👆",
        )
    if studies.empty:
        empty_state("studies", filters)
    else:
        unverified = int((studies["verification"] != "primary_record").sum())
        no_results = int((~studies["counted"]).sum())
        st.markdown(
            f"**{len(studies)} stud{'ies' if len(studies) != 1 else 'y'}**"
            + (f" · ⚠ {unverified} seen only on a secondary page" if unverified else "")
            + (f" · {no_results} without published results (listed, not counted as evidence)" if no_results else "")
        )
        rows = study_rows(studies)
        rows.insert(len(rows.columns) - 1, "Claims", studies["claims"].apply(", ".join).values)
        show_table(rows, "evidence.table", column_config=STUDY_COLUMNS)
        st.download_button("Download these studies (CSV)", csv_bytes(rows), "studies-filtered.csv", "text/csv", key="evidence.download")
