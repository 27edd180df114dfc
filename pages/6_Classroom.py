"""Classroom: rate a claim yourself before the verdict is revealed."""

import streamlit as st

from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck import schema as S
from ui.cards import claim_card
from ui.frame import md, page_setup, set_url_param, url_param

v, filters = page_setup("Classroom")
st.title("Classroom")
st.markdown("**Rate it before you see it.** Read a claim as the article wrote it, choose a verdict, then reveal the evidence.")
pool = D.filter_claims(v.claims, filters).dropna(subset=["verdict"])
if pool.empty:
    st.info("No assessed claims match the current filters.")
    st.stop()
ids = list(pool["id"])
current = url_param("claim", ids) or ids[0]
cid = st.selectbox("Claim", ids, index=ids.index(current), key="classroom.claim",
                   format_func=lambda c: f"{c} · {pool.set_index('id').loc[c, 'statement'][:80]}")  # fmt: skip
set_url_param("claim", cid)
c = pool.set_index("id").loc[cid]
st.markdown(f"> “{md(c['quotes'][0]['text'])}”  \n> — article {md(c['quotes'][0]['article'])}")
guess = st.radio("Your verdict", S.VERDICTS, format_func=L.VERDICT.get, index=None, key=f"classroom.guess.{cid}", horizontal=True)
score = st.session_state.setdefault("classroom.score", {})
if st.button("Reveal the verdict", disabled=guess is None, key="classroom.reveal"):
    score[cid] = guess == c["verdict"]
if cid in score:
    if score[cid]:
        st.success(f"Right: the curated verdict is **{md(c['verdict_label'])}**.", icon="✅")
    else:
        st.error(f"The curated verdict is **{md(c['verdict_label'])}**.", icon="❌")
    claim_card(v, cid)
st.caption(f"Score this session: {sum(score.values())} of {len(score)} claims.")
