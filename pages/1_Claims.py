"""Claims: every checkable claim, searchable and filterable, and which article claims what."""

import streamlit as st

from claimcheck import figures as F
from claimcheck import texts
from ui.cards import bar_claims, claim_picker, claims_download, claims_grid
from ui.data import figure
from ui.frame import BIND, chart, empty_state, filter_summary, missing_record_notice, page_setup, view_picker

v, filters = page_setup("claims")
st.title("Claims")
st.caption("Every checkable statement in the articles, with its verbatim quotes and verdict.")
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))
text = st.text_input("Search claims and quotes", key="q", bind=BIND, max_chars=200, placeholder=v.ds.meta["search_placeholder"])
claims = F.claims_in_view(v, filters, text.strip())
# The table opens the page; the chart is a view of its own (one main view at a time).
view = view_picker("view", {"table": "Table of claims", "chart": "Chart: claims by article and type"}, "table")
listed = claims
if claims.empty:
    empty_state("claims", filters)
elif view == "chart":
    chart(figure(v, "claims_by_article", filters, text.strip()), key="claims.by_article", select=True, **texts.caption("claims.by_article"))
    listed = bar_claims(claims, "claims.by_article")
if listed is not None and not listed.empty:
    table = claims_grid(listed, "claims.table")
    claims_download(table, text.strip())
st.header("Claim detail")
missing_record_notice(v, "claim", "claims", "Claim")
claim_picker(v, list(claims["id"]), "Open a claim (or select a row in the table)")
