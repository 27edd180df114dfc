"""Claims: every checkable claim, searchable and filterable, and which article claims what."""

import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from ui.cards import claim_card
from ui.frame import chart, empty_state, filter_summary, page_setup, set_url_param, url_param

v, filters = page_setup("Claims")
st.title("Claims")
st.caption("Every checkable statement in the articles, with its verbatim quotes and verdict.")
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))

text = st.text_input("Search claims and quotes", key="claims.search", placeholder="e.g. opioid, neuropathic, FDA")
claims = D.search_claims(D.filter_claims(v.claims, filters), text)

if claims.empty:
    empty_state("claims", filters)
else:
    table = claims[["id", "statement", "type_label", "topic_label", "assertiveness_label", "verdict_label", "certainty_label", "n_articles"]].rename(
        columns={
            "id": "Claim", "statement": "Statement", "type_label": "Type", "topic_label": "Topic",
            "assertiveness_label": "Wording", "verdict_label": "Verdict", "certainty_label": "Certainty", "n_articles": "Articles",
        }
    )  # fmt: skip
    st.markdown(f"**{len(claims)} claim{'s' if len(claims) != 1 else ''}**")
    st.dataframe(table, hide_index=True, width="stretch", key="claims.table")
    st.download_button(
        "Download these claims (CSV)",
        table.to_csv(index=False).encode(),
        file_name="claims-filtered.csv",
        mime="text/csv",
        key="claims.download",
    )
    chart(
        C.claims_by_article(D.claims_by_article(claims, v.ds["articles"])),
        key="claims.by_article",
        sources="Claims ledger built from the five articles' text; one claim counts once for each article that makes it.",
        not_shown="How true the claims are: see the verdicts above and the Overview chart.",
    )

st.subheader("Claim detail")
ids = list(claims["id"]) if not claims.empty else []
current = url_param("claim", v.claims["id"])
options = ids if current in ids or current is None else [current, *ids]
if options:
    labels = dict(zip(v.claims["id"], v.claims["statement"]))
    choice = st.selectbox(
        "Open a claim", options, index=options.index(current) if current in options else 0,
        format_func=lambda x: f"{x} · {labels.get(x, '')[:90]}", key="claims.pick",
    )  # fmt: skip
    set_url_param("claim", choice)
    claim_card(v, choice)
else:
    st.caption("No claim to open.")
