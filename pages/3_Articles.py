"""Articles: each article's full text with its claims highlighted in place, and a scorecard."""

import streamlit as st

from claimcheck import domain as D
from ui.cards import article_text, claim_picker, scorecard
from ui.data import derived
from ui.frame import keep_valid, no_records, page_setup, select

v, filters = page_setup("articles")
st.title("Articles")
articles = v.ds["articles"].set_index("id")
ids = [a for a in articles.index if not filters.article or a in filters.article]
if not ids:
    st.info(no_records(v, "articles", "articles") if articles.empty else "No article matches the current filters.")
    st.stop()
keep_valid("doc", ids, ids[0])
doc = select("Article", ids, "doc", lambda a: f"{a} · {articles.loc[a, 'label']}")
# The shared filters (other than the article) pick which highlights keep their colour.
narrowing = D.Filters(**{**vars(filters), "article": (), "region": ()})
left, right = st.columns([3, 2], gap="large")
with right:
    scorecard(v, doc)
    st.header("Claim card")
    claim_ids = list(derived(v, "article_claims", doc, narrowing)[0])
    if claim_ids:
        keep_valid("claim", claim_ids, claim_ids[0])
        claim_picker(v, claim_ids, "Open a claim from this article (or choose one above the text)", default_first=True)
with left:
    article_text(v, doc, narrowing)
