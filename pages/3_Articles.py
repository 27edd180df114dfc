"""Articles: each article's full text with its claims highlighted in place, and a scorecard."""

import streamlit as st

from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck.highlight import highlight_spans
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
    st.subheader("Scorecard")
    mine = D.filter_claims(v.claims, D.Filters(article=(doc,)))
    st.markdown(
        f"- **Title:** {md(art['title']) if isinstance(art['title'], str) else '*none in the text*'}\n"
        f"- **Date stated:** {md(art['date']) if isinstance(art['date'], str) else 'no'}\n"
        f"- **Publisher, as the text shows:** {md(L.PUBLISHER.get(art['publisher_kind'], art['publisher_kind']))}\n"
        f"- **Claims:** {len(mine)}\n"
        f"- **Cites a specific source:** {'yes' if art['cites_sources'] else 'no'}\n"
        f"- **Mentions harms:** {'yes' if art['mentions_harms'] else 'no'}\n"
        f"- **Mentions uncertainty:** {'yes' if art['mentions_uncertainty'] else 'no'}\n"
        f"- **Commercial signals:** {len(art['commercial_signals'])}"
    )
    for s in art["commercial_signals"]:
        st.markdown(f"  - {md(s['kind'].replace('_', ' '))}: “{md(s['quote'])}”")
    if not mine.empty:
        st.markdown("**Claims by type**")
        st.dataframe(mine["type_label"].value_counts().rename_axis("Type").reset_index(name="Claims"), hide_index=True)
    st.subheader("Claim card")
    claim_ids = list(dict.fromkeys(quotes["claim_id"]))
    if claim_ids:
        pick = st.selectbox("Open a claim from this article", claim_ids, key="articles.claim",
                            format_func=lambda c: f"{c} · {claims.loc[c, 'statement'][:70]}")  # fmt: skip
        claim_card(v, pick)
with left:
    st.subheader(md(art["title"]) if isinstance(art["title"], str) else md(art["label"]))
    st.caption("Each claim is highlighted with its verdict's colour, a dotted underline and its claim id with the verdict symbol.")
    spans = highlight_spans(text, list(zip(quotes["claim_id"], quotes["text"])))
    parts, pos = [], 0
    for start, end, cid in spans:
        verdict = claims.loc[cid, "verdict_label"] if cid in claims.index else "Not yet assessed"
        colour = L.VERDICT_COLOUR.get(verdict, "#DDDDDD")
        parts.append(esc(text[pos:start]))
        parts.append(
            f'<mark title="{esc(cid)}: {esc(verdict)}" style="background:{colour}33;border-bottom:2px dotted {colour};'
            f'padding:0 2px">{esc(text[start:end])}<sup><b>{esc(cid)} {esc(L.VERDICT_ICON.get(verdict, ""))}</b></sup></mark>'
        )
        pos = end
    parts.append(esc(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    with st.container(border=True, height=700):
        st.markdown(f'<div style="font-size:1.05rem;line-height:1.6">{body}</div>', unsafe_allow_html=True)
    st.caption(f"Source text: {md(art['file'])}, kept as it was collected.")
