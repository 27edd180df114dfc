"""Entry point and Overview page: the headline numbers, and how sure the articles sound against the evidence.

Run with ``streamlit run dashboard.py``. The other pages are the scripts in ``pages/``; each
starts with :func:`ui.frame.page_setup`, which draws the frame every page shares. The data
folder is read from $CLAIMCHECK_DATA_DIR (default: ``data/``).
"""

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from ui.cards import claim_card
from ui.data import cached_figure
from ui.frame import chart, empty_state, filter_summary, md, missing_record_notice, page_setup, selected_ids, set_url_param, url_param

v, filters = page_setup("Overview")
meta = v.ds.meta
st.title(md(meta["title"]))  # data text: escaped like every other
st.markdown(md(meta["summary"]))
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))

claims = D.filter_claims(v.claims, filters)
n = D.headline_numbers(claims)
cols = st.columns(4)
cols[0].metric(
    "Claims found in the articles",
    n["claims"],
    help=f"Checkable statements found in the articles (after filters); {n['assessed']} of them have a verdict.",
)
cols[1].metric(
    "Judged supported, with a human trial or review behind them",
    n["supported_by_human_trial"],
    help="Claims judged supported or partly supported that also have a published randomised trial or systematic review "
    "in people that supports them. Registered, ongoing or unpublished trials never count.",
)
cols[2].metric("Contradicted or not supported", n["contradicted_or_unsupported"])
cols[3].metric("Insufficient evidence", n["insufficient"])

if claims.empty:
    empty_state("claims", filters)
else:
    event = chart(
        cached_figure(v, "overview.hype", filters, lambda: C.hype_gap(claims)),
        key="overview.hype",
        sources="Claims ledger (verbatim quotes from the articles), with verdicts and GRADE-style certainty from the studies listed on the Evidence page.",
        not_shown="Marks are sized by how many articles make the claim. Claims not yet rated, and claims about law, history "
        "or what a study reports (not graded for certainty), are left off. Certainty rates the human evidence only, so strong "
        "animal data still count as 'none' for people.",
        select=True,
    )
    picked = selected_ids(event)
    if picked and picked[0].startswith("cell:"):
        # A grouped mark (large data): list its claims; selecting a row opens one.
        group = C.cell_claims(claims, picked[0])
        st.markdown(f"**{len(group):,} claims in the selected group**")
        rows = st.dataframe(
            group[["id", "statement", "verdict_label"]].head(1000), hide_index=True, width="stretch",
            on_select="rerun", selection_mode="single-row", key="overview.group",
        )  # fmt: skip
        picked = [group.iloc[r]["id"] for r in rows.selection.rows] if rows is not None else []
    missing_record_notice(v, "claim", "claims", "Claim")
    claim_id = picked[0] if picked else url_param("claim", v.claims["id"])
    if picked:
        set_url_param("claim", claim_id)
    if claim_id:
        claim_card(v, claim_id)
    else:
        st.caption("Select a mark on the chart to open its claim.")
