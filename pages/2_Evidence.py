"""Evidence: the studies and official sources, on the design ladder."""

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from ui.cards import STUDY_COLUMNS, study_rows
from ui.frame import chart, empty_state, filter_summary, page_setup

v, filters = page_setup("Evidence")
st.title("Evidence")
st.caption("Every study and official document behind the verdicts. ⚠ marks a source seen only on a secondary page.")
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))

claim_ids = set(D.filter_claims(v.claims, filters)["id"])
studies = D.filter_studies(v.studies, filters, claim_ids)
ladder = D.design_ladder(studies)
chart(
    C.design_ladder(ladder),
    key="evidence.ladder",
    sources="Studies table; each study's design as recorded from its primary record or the page where it was seen.",
    not_shown="Whether the studies support or contradict the claims (see each claim's card). "
    "Traditional use is listed but never counts as evidence that something works.",
)
if studies.empty:
    empty_state("studies", filters)
else:
    unverified = int((studies["verification"] != "primary_record").sum())
    st.markdown(
        f"**{len(studies)} stud{'ies' if len(studies) != 1 else 'y'}**"
        + (f" · ⚠ {unverified} seen only on a secondary page" if unverified else "")
    )
    rows = study_rows(studies)
    rows.insert(len(rows.columns) - 1, "Claims", studies["claims"].apply(", ".join).values)
    st.dataframe(rows, hide_index=True, width="stretch", column_config=STUDY_COLUMNS, key="evidence.table")
    st.download_button(
        "Download these studies (CSV)", rows.to_csv(index=False).encode(), "studies-filtered.csv", "text/csv", key="evidence.download"
    )
