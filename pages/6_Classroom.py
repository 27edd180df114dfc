"""Classroom: a quiz where students rate claims before the answer, a presenter's story, and a printable handout."""

import datetime as dt

import pandas as pd
import streamlit as st

from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck import quiz as Q
from claimcheck import schema as S
from claimcheck.export import handout_html
from ui.cards import claim_card
from ui.data import cached_story
from ui.frame import NOTICE, chart, esc, md, page_setup, set_url_param, url_param

MODES = {"quiz": "Quiz", "present": "Presenter", "handout": "Handout"}
mode = url_param("mode", MODES) or "quiz"
v, filters = page_setup("Classroom", sidebar="collapsed" if mode == "present" else "expanded")
assessed = v.claims.dropna(subset=["verdict"])
all_ids = list(assessed["id"])

mode = st.segmented_control("Mode", list(MODES), format_func=MODES.get, default=mode, key="classroom.mode") or "quiz"
set_url_param("mode", None if mode == "quiz" else mode)

# --- presenter -----------------------------------------------------------------------
if mode == "present":
    spotlight = url_param("claim", all_ids)
    steps = cached_story(v, spotlight, dt.date.today())
    n = len(steps)
    if "classroom.step" not in st.session_state:
        wanted = url_param("step", [str(i) for i in range(1, n + 1)])
        st.session_state["classroom.step"] = int(wanted) if wanted else 1

    def go(delta: int) -> None:
        st.session_state["classroom.step"] = min(n, max(1, st.session_state["classroom.step"] + delta))

    i = st.session_state["classroom.step"]
    set_url_param("step", str(i))
    step = steps[i - 1]
    nav = st.columns([1, 6, 1])
    nav[0].button("◀ Previous", on_click=go, args=(-1,), disabled=i == 1, key="classroom.prev", width="stretch")
    nav[1].progress(i / n, text=f"Step {i} of {n}")
    nav[2].button("Next ▶", on_click=go, args=(1,), disabled=i == n, key="classroom.next", width="stretch")
    st.markdown(f"<h1 style='font-size:2.6rem;margin:0.2em 0'>{esc(step.title)}</h1>", unsafe_allow_html=True)
    for sentence in step.sentences:
        if sentence:
            st.markdown(f"<p style='font-size:1.6rem;line-height:1.35;margin:0.3em 0'>{esc(sentence)}</p>", unsafe_allow_html=True)
    chart(step.figure, key=f"classroom.present.{step.key}", sources=step.sources)
    st.caption(
        f"Tip: the link in the address bar reopens this exact step. Add &claim={md((v.ds.meta['classroom_example_claims'] or ['ID'])[0])} to open on one claim."
    )
    st.stop()

# --- quiz ---------------------------------------------------------------------------------
if mode == "quiz":
    st.title("Rate it before you see it")
    fixed = Q.quiz_ids(st.query_params.get("quiz"), all_ids)
    pool = fixed or list(D.filter_claims(assessed, filters)["id"])
    if fixed:
        st.info(f"Your teacher chose {len(fixed)} claims for this quiz.", icon="🎓")
    if not pool:
        st.info("No assessed claims match the current filters.")
        st.stop()
    answers: dict = st.session_state.setdefault("classroom.answers", {})
    current = url_param("claim", pool) or next((c for c in pool if c not in answers), pool[0])
    idx = pool.index(current)
    set_url_param("claim", current)
    c = assessed.set_index("id").loc[current]
    articles = v.article_labels
    st.markdown(f"**Claim {idx + 1} of {len(pool)}** · {md(current)}")
    q = c["quotes"][0]
    st.markdown(f"> ### “{md(q['text'])}”\n> — {md(articles.get(q['article'], q['article']))}")
    guess = st.radio("Your verdict", S.VERDICTS, format_func=L.VERDICT.get, index=None, key=f"classroom.guess.{current}", horizontal=True)
    # Only health claims are graded for certainty; a claim about law, history or a study shows what it rests on.
    cert = st.radio(
        "How certain is the human evidence? (optional)", S.CERTAINTY, format_func=L.CERTAINTY.get, index=None,
        key=f"classroom.cert.{current}", horizontal=True,
    ) if c["graded"] else None  # fmt: skip
    if st.button("Reveal the verdict", disabled=guess is None, key="classroom.reveal", type="primary"):
        answers[current] = Q.mark(guess, cert, c["verdict"], c["certainty"])
    if current in answers:
        a = answers[current]
        if a.right_verdict:
            st.success(f"Right: the verdict is **{md(c['verdict_label'])}**.", icon="✅")
        else:
            st.error(f"You said {md(L.VERDICT[a.verdict])}; the verdict is **{md(c['verdict_label'])}**.", icon="❌")
        if a.right_certainty is not None:
            st.caption(f"Certainty: you said {md(L.CERTAINTY[a.certainty])}; the curated certainty is {md(c['certainty_label'])}.")
        claim_card(v, current)
    s = Q.score({k: a for k, a in answers.items() if k in pool})
    cols = st.columns([1, 1, 4])
    if idx > 0 and cols[0].button("◀ Previous claim", key="classroom.prevclaim"):
        set_url_param("claim", pool[idx - 1])
        st.rerun()
    if idx < len(pool) - 1 and cols[1].button("Next claim ▶", key="classroom.nextclaim"):
        set_url_param("claim", pool[idx + 1])
        st.rerun()
    cols[2].markdown(
        f"**Score this session: {s['right']} of {s['answered']} verdicts right**"
        + (f" · certainty {s['certainty_right']} of {s['certainty_answered']}" if s["certainty_answered"] else "")
    )
    st.caption(
        "Nothing is stored on the server beyond this browser session. Teachers: add "
        f"?mode=quiz&quiz={md(','.join(v.ds.meta['classroom_example_claims']) or 'ID1,ID2')} to the link to fix the claims."
    )
    st.stop()

# --- handout -------------------------------------------------------------------------
st.title("Printable handout")
st.markdown("Choose claims for a worksheet. The download is a web page to print: the questions first, the answer key on a separate page.")
fixed = Q.quiz_ids(st.query_params.get("quiz"), all_ids)
default = fixed or list(D.filter_claims(assessed, filters)["id"])[:8]
labels = dict(zip(assessed["id"], assessed["statement"]))
chosen = st.multiselect("Claims", all_ids, default=default, format_func=lambda x: f"{x} · {labels[x][:80]}", key="classroom.handout")
if chosen:
    picked = assessed.set_index("id").loc[chosen].reset_index()
    page = handout_html(picked, v.ds["articles"], f"{v.ds.meta['title']}: worksheet", NOTICE.replace("**", "") + " " + v.ds.meta["notice"])
    st.download_button(
        "Download the handout (HTML, print from your browser)",
        page.encode("utf-8"),
        "handout.html",
        "text/html",
        key="classroom.handout.download",
        type="primary",
    )
    st.markdown(f"Share this worksheet as a quiz: `?mode=quiz&quiz={','.join(chosen)}`")
    st.dataframe(pd.DataFrame({"Claim": chosen, "Statement": [labels[c] for c in chosen]}), hide_index=True, width="stretch")
else:
    st.info("Choose at least one claim.")
