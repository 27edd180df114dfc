"""Articles: each article's full text with its claims highlighted in place, and a scorecard."""

from urllib.parse import urlencode

import streamlit as st

from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck.highlight import highlight_segments
from ui.cards import claim_card
from ui.frame import esc, md, page_setup, set_url_param, url_param

v, filters = page_setup("Articles")
st.title("Articles")
articles = v.ds["articles"]
if articles.empty:
    st.info("There are no articles in the data yet.")
    st.stop()
ids = list(articles["id"])
if filters.article:
    ids = [a for a in ids if a in filters.article]
current = url_param("doc", ids) or ids[0]
doc = st.selectbox(
    "Article", ids, index=ids.index(current), key="articles.doc",
    format_func=lambda a: f"{a} · {articles.set_index('id').loc[a, 'label']}",
)  # fmt: skip
set_url_param("doc", doc)
art = articles.set_index("id").loc[doc]
text = v.ds.article_texts.get(doc, "")
quotes = v.quotes[v.quotes["article"] == doc]
claims = v.claims.set_index("id")

left, right = st.columns([3, 2], gap="large")
with right:
    st.header("Scorecard")
    st.caption("Items adopted from DISCERN and the HealthNewsReview criteria; answered from the curated data (see Methods).")
    card = D.article_scorecard(v.ds, v.claims, v.harm_mentions, doc)
    st.dataframe(card[["Item", "Answer", "Detail"]], hide_index=True, width="stretch", key="articles.scorecard")
    for s in art["commercial_signals"]:
        st.markdown(f"- {md(s['kind'].replace('_', ' '))}: “{md(s['quote'])}”")
    mine = D.filter_claims(v.claims, D.Filters(article=(doc,)))
    if not mine.empty:
        st.markdown(f"**{len(mine)} claims, by type**")
        st.dataframe(mine["type_label"].value_counts().rename_axis("Type").reset_index(name="Claims"), hide_index=True)
    st.header("Claim card")
    claim_ids = list(dict.fromkeys(quotes["claim_id"]))
    if claim_ids:
        wanted = url_param("claim", claim_ids)
        pick = st.selectbox(
            "Open a claim from this article (or select a highlight in the text)", claim_ids, key=f"articles.claim.{doc}",
            index=claim_ids.index(wanted) if wanted else 0, format_func=lambda c: f"{c} · {claims.loc[c, 'statement'][:70]}",
        )  # fmt: skip
        set_url_param("claim", pick)
        claim_card(v, pick)
with left:
    st.header(md(art["title"]) if isinstance(art["title"], str) else md(art["label"]))
    st.caption(
        "Each claim is highlighted in its verdict's colour with a dotted underline (double where two claims overlap), and labelled with its id and verdict symbol. Select a label to open the claim's card."
    )
    segments = highlight_segments(text, list(zip(quotes["claim_id"], quotes["text"])))
    # The shared filters (other than the article) pick which highlights keep their colour.
    narrowing = D.Filters(**{**vars(filters), "article": (), "region": ()})
    in_article = set(quotes["claim_id"])
    matching = set(D.filter_claims(v.claims, narrowing)["id"]) if narrowing.active else in_article
    if narrowing.active:
        st.info(
            f"**Filters apply here:** {len(in_article & matching)} of {len(in_article)} claims in this article match "
            "the filters and keep their colour; the others are shown in grey without a colour. Clear the filters to colour every claim.",
            icon="🔎",
        )

    def verdict_of(cid: str) -> str:
        return claims.loc[cid, "verdict_label"] if cid in claims.index else "Not yet assessed"

    def link(cid: str) -> str:
        return esc("?" + urlencode({**D.filters_to_query(filters), "doc": doc, "claim": cid}))

    parts = []
    for seg in segments:
        chunk = esc(text[seg.start : seg.end], breaks="<br>")  # every kind of line break, \r included
        if seg.claims:
            shown = [c for c in seg.claims if c in matching]
            colour = L.VERDICT_COLOUR.get(verdict_of(shown[0]), "#DDDDDD") if shown else "#BBBBBB"
            # A double underline marks text that carries more than one claim.
            line = "double" if len(seg.claims) > 1 else "dotted"
            chunk = (
                f'<mark title="{esc(", ".join(seg.claims))}" style="background:{colour}33;'
                f'border-bottom:3px {line} {colour};padding:0 1px;color:inherit">{chunk}</mark>'
            )
        parts.append(chunk)
        for cid in seg.labels:
            verdict = verdict_of(cid)
            dim = "" if cid in matching else ";opacity:0.55"
            parts.append(
                f'<a href="{link(cid)}" target="_self" title="{esc(cid)}: {esc(verdict)}" '
                f'style="text-decoration:none{dim}"><sup><b>[{esc(cid)} {esc(L.VERDICT_ICON.get(verdict, ""))}]</b></sup></a>'
            )
    body = "".join(parts)
    with st.container(border=True, height=700):
        st.markdown(f'<div style="font-size:1.05rem;line-height:1.6">{body}</div>', unsafe_allow_html=True)
    st.caption(f"Source text: {md(art['file'])}, kept as it was collected.")
