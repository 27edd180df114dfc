"""The Check-an-article page: read a pasted or uploaded text, match its sentences to the ledger, show the results."""

from __future__ import annotations

import json
from collections import Counter

import streamlit as st

from claimcheck import labels as L
from claimcheck import match as M

from .cards import SCORECARD_COLUMNS, WRAP_ROW_HEIGHT, claim_card
from .data import Views, matcher, release_free_memory
from .frame import md


def render(v: Views) -> None:
    """Everything below the page's title: the input, the matches, the scorecard and the highlighted text."""
    n_claims = len(v.claims)
    st.caption(
        f"Paste an article (or upload a .txt, .md or .html file) to see which of its sentences make one of the "
        f"{n_claims} claims in the ledger, with that claim's verdict. Up to {M.MAX_INPUT_BYTES / 1e6:.0f} MB of text, in English. "
        "What you paste stays in this browser session: it is not stored, logged or put in the link."
    )

    pasted = st.text_area("Paste the article's text", key="check.text", height=220, placeholder="Paste an article here…")
    upload = st.file_uploader(
        "…or upload a file", type=["txt", "md", "html", "htm"], key="check.upload", accept_multiple_files=False, max_upload_size=1
    )

    text, source = None, None
    try:
        if upload is not None:
            source = upload.name
            if upload.size > M.MAX_INPUT_BYTES:
                raise M.InputError(f"{upload.name} is {upload.size / 1e6:.1f} MB; the limit is {M.MAX_INPUT_BYTES / 1e6:.0f} MB of text.")
            text = M.decode_bytes(upload.getvalue(), upload.name)
        elif pasted.strip():
            source = "the pasted text"
            text = M.check_text(pasted, "The pasted text")
        if text is not None and (source.lower().endswith((".html", ".htm")) or M.looks_like_html(text)):
            # Only the readable text is kept: scripts, styles and markup are dropped, nothing is rendered.
            text = M.check_text(M.html_to_text(text), source)
            st.caption("This looks like HTML: only its readable text is checked (scripts, styles and markup were dropped).")
    except M.InputError as err:
        st.error(md(str(err)), icon="⚠️")
        text = None

    if text is None:
        if upload is None and not pasted.strip():
            st.info(
                "Paste a text or upload a file to check it. Each sentence that makes a claim already in the ledger is highlighted with its verdict.",
                icon="ℹ️",
            )
        st.stop()

    if not M.looks_english(text):
        st.warning(
            "This text does not look like English. The ledger's claims are in English, so few or no matches are expected.", icon="🌐"
        )

    m = matcher(v)
    sentences = M.split_sentences(text)
    # About 1 s per 10,000 words once warm; a text near the 1 MB cap takes 15-20 s.
    with st.spinner(f"Matching {len(sentences):,} sentences against the ledger…"):
        results = M.match_sentences(m, sentences)
    claims = v.claims.set_index("id")

    def verdict_of(cid: str) -> str:
        return claims.loc[cid, "verdict_label"] if cid in claims.index else L.VERDICT[None]

    checked = [r for r in results if r.same]
    unchecked = [r for r in results if r.checkworthy and not r.same]
    found = list(dict.fromkeys(mt.claim for r in checked for mt in r.same))

    a, b, c = st.columns(3)
    a.metric("Sentences", len(results))
    b.metric("Already checked", len(checked), help="Sentences judged to make a claim that is in the ledger.")
    c.metric("Not checked yet", len(unchecked), help="Sentences that make a checkable claim the ledger does not have.")
    left, right = st.columns([3, 2], gap="large")
    with right:
        if found:
            counts = Counter(verdict_of(cid) for cid in found)
            st.markdown(
                "**Claims found, by verdict:** "
                + "; ".join(f"{L.VERDICT_ICON.get(k, '')} {md(k)}: {counts[k]}" for k in L.VERDICT_COLOUR if counts.get(k))
            )
        st.header("Scorecard")
        st.caption(
            "The Articles page's items (DISCERN, HealthNewsReview), answered from this text's own words and its matched claims: "
            "“none found” means nothing was found, not that it is absent. See Methods for the items."
        )
        card = M.text_scorecard(text, results, v.claims, v.harm_mentions)
        st.dataframe(
            card[["Item", "Answer", "Detail"]], hide_index=True, width="stretch", key="check.scorecard",
            column_config=SCORECARD_COLUMNS, row_height=WRAP_ROW_HEIGHT,
        )  # fmt: skip
        st.header("Claims found")
        if found:
            for cid in found:
                st.markdown(
                    f"- **{md(cid)}** {L.VERDICT_ICON.get(verdict_of(cid), '')} **{md(verdict_of(cid))}**: "
                    f"{md(claims.loc[cid, 'statement']) if cid in claims.index else ''}"
                )
            # The card is drawn only on request: it is the costliest part of a rerun after each new text.
            pick = st.selectbox(
                "Open a claim's card here", found, key="check.claim", index=None, placeholder="Choose a claim found in this text",
                format_func=lambda c: f"{c} · {str(claims.loc[c, 'statement'])[:70] if c in claims.index else ''}",
            )  # fmt: skip
            if pick:
                claim_card(v, pick)
        else:
            st.caption("No sentence was judged to make a claim that is in the ledger.")
        st.caption(
            f"Matching: {md(m.method)}. It can miss a claim worded very differently, and it marks a match only when it is confident."
        )

    with left:
        st.header("The text, sentence by sentence")
        st.caption(
            "A sentence making a checked claim is highlighted in its verdict's colour with a dotted underline and labelled with the claim, "
            "and its verdict; open its card beside the text (below it on a phone). "
            "A sentence making a claim the ledger does not have is boxed with a dashed line and marked “not checked yet”."
        )
        verdicts = {cid: verdict_of(cid) for cid in found}
        body = M.highlighted_html(text, results, verdicts)  # escaped, one line of HTML
        # No fixed-height box: a scroll box inside the scrolling page traps a phone's thumb.
        with st.container(border=True):
            st.markdown(f'<div style="font-size:1.05rem;line-height:1.6">{body}</div>', unsafe_allow_html=True)
        st.download_button(
            "Download the results (JSON lines, as the command line gives them)",
            data=lambda: "\n".join(json.dumps(r.to_json(), ensure_ascii=False) for r in results).encode(),
            file_name="claim-matches.jsonl",
            mime="application/json",
            key="check.download",
            on_click="ignore",
        )
    release_free_memory()  # last: what this run freed goes back to the system (see ui.data)
