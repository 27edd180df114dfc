"""The classroom's three modes: the presenter's slides, the quiz and the printable handout."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from claimcheck import charts as C
from claimcheck import domain as D
from claimcheck import labels as L
from claimcheck import quiz as Q
from claimcheck import schema as S
from claimcheck.export import handout_html

from .cards import claim_card
from .data import Views, cached_story, derived, themed
from .frame import BIND, NOTICE, chart, download, esc, from_link, keep_valid, md, multiselect, select, url_value

PRESENTER_HEIGHT = 460  # px: a step's chart beside its text fits a 1280×720 projector without scrolling
PRESENTER_SCALE = 1.5  # chart text at least 18 px, readable from the back of a classroom
# A slide uses the screen: Streamlit's page padding (6rem above, 10rem below) is cut to what
# clears its header bar, so the step's title, text and chart fit 1280×720 without scrolling.
PRESENTER_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem !important; padding-bottom: 1rem !important; }
</style>"""


MODES = {"quiz": "Quiz", "present": "Presenter", "handout": "Handout"}


def presenting() -> bool:
    """Whether the page opens in presenter mode (read before the frame is drawn, to keep the sidebar closed).

    The mode's value from the last run counts too: a control may have taken it out of the address.
    """
    return url_value("mode") in ("present", MODES["present"]) or st.session_state.get("mode") == "present"


def present(v: Views) -> None:
    """One step of the presenter's story at a time, its chart beside its text, the step in the URL."""
    all_ids = list(v.claims.dropna(subset=["verdict"])["id"])
    steps = cached_story(v, url_value("claim", all_ids, label="Claim"), dt.date.today())
    n = len(steps)
    st.html(PRESENTER_CSS)

    def move_by(delta: int) -> None:
        st.session_state["step"] = min(n, max(1, int(st.session_state.get("step") or 1) + delta))

    def label(k: int) -> str:
        return f"{k} of {n}"

    keep_valid("step", range(1, n + 1), 1)
    from_link("step", range(1, n + 1), label, label="Step")
    nav = st.columns([1, 4, 1], vertical_alignment="center")
    with nav[1]:
        i = st.select_slider("Step", list(range(1, n + 1)), key="step", bind=BIND, format_func=label, label_visibility="collapsed")
    nav[0].button("◀ Previous", on_click=move_by, args=(-1,), disabled=i == 1, key="classroom.prev", width="stretch")
    nav[2].button("Next ▶", on_click=move_by, args=(1,), disabled=i == n, key="classroom.next", width="stretch")
    step = steps[i - 1]
    st.markdown(f"<h1 style='font-size:2.2rem;margin:0;padding:0'>{esc(step.title)}</h1>", unsafe_allow_html=True)
    words, picture = st.columns([1, 2], gap="medium")  # the chart, with its legend beside it, gets two thirds
    with words:
        for sentence in step.sentences:
            if sentence:
                st.markdown(f"<p style='font-size:1.5rem;line-height:1.3;margin:0 0 0.3em 0'>{esc(sentence)}</p>", unsafe_allow_html=True)
    with picture:
        chart(
            themed(C.for_slide(step.figure), scale=PRESENTER_SCALE, height=PRESENTER_HEIGHT),
            key=f"classroom.present.{step.key}",
            sources=step.sources,
            notes=words,
            caption=False,  # the slide's picture carries its sources (claimcheck.story), which is what a screenshot keeps
        )
    example = (v.ds.meta["classroom_example_claims"] or ["ID"])[0]
    words.caption(f"Step {i} of {n}. The address bar's link reopens this step; add &claim={md(example)} to open on one claim.")


def quiz(v: Views, filters: D.Filters) -> None:
    """Rate a claim's verdict (and certainty) before it is revealed; the score lives in this browser session."""
    st.title("Rate it before you see it")
    fixed = Q.quiz_ids(
        ",".join(st.query_params.get_all("quiz")), list(derived(v, "assessed_claims", D.Filters()))
    )  # a teacher's list, read only
    pool = fixed or list(derived(v, "assessed_claims", filters))
    if fixed:
        st.info(f"Your teacher chose {len(fixed)} claims for this quiz.", icon="🎓")
    if not pool:
        st.info("No assessed claims match the current filters.")
        return
    answers: dict = st.session_state.setdefault("classroom.answers", {})
    keep_valid("claim", pool, next((c for c in pool if c not in answers), pool[0]))
    first = next((c for c in pool if c not in answers), pool[0])
    current = select(f"Claim to rate ({len(pool)} in this quiz)", pool, "claim", index=pool.index(first))
    c = v.claims[v.claims["id"] == current].iloc[0]
    q = c["quotes"][0]
    st.markdown(f"> ### “{md(q['text'])}”\n> — {md(v.article_labels.get(q['article'], q['article']))}")
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
    idx = pool.index(current)

    def move(to: str) -> None:
        st.session_state["claim"] = to

    s = Q.score({k: a for k, a in answers.items() if k in pool})
    cols = st.columns([1, 1, 4])
    if idx > 0:
        cols[0].button("◀ Previous claim", key="classroom.prevclaim", on_click=move, args=(pool[idx - 1],))
    if idx < len(pool) - 1:
        cols[1].button("Next claim ▶", key="classroom.nextclaim", on_click=move, args=(pool[idx + 1],))
    cols[2].markdown(
        f"**Score this session: {s['right']} of {s['answered']} verdicts right**"
        + (f" · certainty {s['certainty_right']} of {s['certainty_answered']}" if s["certainty_answered"] else "")
    )
    st.caption(
        "Nothing is stored on the server beyond this browser session. Teachers: add "
        f"?mode=quiz&quiz={md(','.join(v.ds.meta['classroom_example_claims']) or 'ID1,ID2')} to the link to fix the claims."
    )


def handout(v: Views, filters: D.Filters) -> None:
    """Choose claims for a printable worksheet (questions first, answer key on its own page)."""
    all_ids = list(derived(v, "assessed_claims", D.Filters()))
    st.title("Printable handout")
    st.markdown(
        "Choose claims for a worksheet. The download is a web page to print: the questions first, the answer key on a separate page."
    )
    labels = v.claim_statements
    if "quiz" not in st.session_state and not st.query_params.get_all("quiz"):
        st.session_state["quiz"] = list(derived(v, "assessed_claims", filters))[:8]
    chosen = multiselect("Claims (by id; the table below gives each statement)", all_ids, "quiz")
    if not chosen:
        st.info("Choose at least one claim.")
        return
    picked = v.claims.set_index("id").loc[chosen].reset_index()
    notice = NOTICE.replace("**", "") + " " + v.ds.meta["notice"]
    download(
        "Download the handout (HTML, print from your browser)",
        lambda: handout_html(picked, v.ds["articles"], f"{v.ds.meta['title']}: worksheet", notice).encode("utf-8"),
        "handout.html", key="classroom.handout.download", mime="text/html", type="primary",
    )  # fmt: skip
    st.markdown(f"Share this worksheet as a quiz: `?mode=quiz&quiz={','.join(chosen)}`")
    st.dataframe(pd.DataFrame({"Claim": chosen, "Statement": [labels[c] for c in chosen]}), hide_index=True, width="stretch")
