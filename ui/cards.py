"""Cards shared by several pages: a claim with its quotes, verdict and studies."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimcheck import domain as D
from claimcheck import labels as L

from .data import Views
from .frame import link, md


def verdict_badge(verdict_label: str) -> str:
    return f"{L.VERDICT_ICON.get(verdict_label, '')} **{md(verdict_label)}**"


def quote_block(text: str, article_id: str, articles: dict[str, str], cue: str = "") -> None:
    """A verbatim quote with the article it comes from (the text escaped, never rendered as markup)."""
    st.markdown(f"> “{md(text)}”  \n> — {md(article_id)} · {md(articles.get(article_id, article_id))}{cue}")


def claim_card(v: Views, claim_id: str) -> None:
    """Everything about one claim: quotes, verdict, reasons, certainty and the studies behind it."""
    rows = v.claims[v.claims["id"] == claim_id]
    if rows.empty:
        st.info("That claim is not in the data (it may have been set aside because of a data problem).")
        return
    c = rows.iloc[0]
    articles = v.article_labels
    with st.container(border=True):
        st.markdown(f"#### {md(c['id'])} · {md(c['statement'])}")
        cols = st.columns(4)
        cols[0].markdown(f"Verdict  \n{verdict_badge(c['verdict_label'])}")
        if c["graded"]:
            cols[1].markdown(f"Certainty of human evidence  \n**{md(c['certainty_label'])}**")
        else:
            basis = L.BASIS.get(c["basis"], "Not recorded") if isinstance(c["basis"], str) else "Not recorded"
            cols[1].markdown(f"Not graded for certainty; rests on  \n**{md(basis)}**")
        cols[2].markdown(f"How sure the wording is  \n**{md(c['assertiveness_label'])}**")
        cols[3].markdown(f"Type · topic  \n**{md(c['type_label'])}** · {md(c['topic_label'])}")
        st.markdown("**What the articles say**")
        for q in c["quotes"]:
            quote_block(q["text"], q["article"], articles)
        if c["red_flags"]:
            st.markdown("**Red-flag wording:** " + ", ".join(f"“{md(x)}”" for x in c["red_flags"]))
        if c["reasons"]:
            st.markdown("**Reasons:** " + "; ".join(md(L.label(L.REASON, r)) for r in c["reasons"]))
        if isinstance(c["rationale"], str):
            st.markdown(f"**Why:** {md(c['rationale'])}")
        if isinstance(c.get("searched"), str):
            st.markdown(f"**What was searched:** {md(c['searched'])}")
        if isinstance(c.get("would_change"), str):
            st.markdown(f"**What would change the verdict:** {md(c['would_change'])}")
        ladder = D.claim_ladder(v.ds, claim_id)
        if ladder:
            st.markdown("**Evidence ladder:** " + " · ".join(f"{n} × {md(L.DESIGN[d])}" for d, n in ladder.items()))
        ev = D.claim_evidence(v.ds, claim_id)
        if ev.empty:
            st.caption("No studies are linked to this claim yet.")
        else:
            # A list, not a grid: every identifier stays visible and clickable on a phone.
            st.markdown(f"**Studies behind the verdict ({len(ev)})**  \n" + "\n".join(study_line(s) for s in ev.to_dict("records")))
        harms = [h for h in (c["harms"] or []) if h in set(v.harm_mentions["harm_id"])]
        if harms:
            st.markdown("**Harms that bear on this claim**")
            hm = v.harm_mentions.set_index("harm_id")
            for h in harms:
                n = int((v.figures["harm_id"] == h).sum())
                st.markdown(
                    f"- [{md(hm.loc[h, 'harm'])}](Adverse_effects?harm={h}) · {md(hm.loc[h, 'severity_label'])} · "
                    f"{int(hm.loc[h, 'n_articles'])} of {len(v.ds['articles'])} articles warn of it · {n} figure(s)"
                )
        if isinstance(c.get("last_checked"), str):
            st.caption(f"Verdict last reviewed {md(c['last_checked'])}.")
        st.markdown(
            f"[Present this claim in class](Classroom?mode=present&claim={c['id']}) · "
            f"[Quiz on this claim](Classroom?mode=quiz&quiz={c['id']})"
        )


def study_line(s: dict) -> str:
    """One study linked to a claim, as a Markdown list item: how it bears, what it is, every identifier as a link."""
    ids = " · ".join(link(D.identifier_text(kind, value), url) for kind, value, url in s["identifiers"])
    pages = " · ".join(link(f"page {i}", u) for i, u in enumerate(s["urls"] or [], 1))
    status = "" if s["counted"] else f" · **{md(s['status_label'])}: not counted as evidence**"
    secondary = "" if s["verification"] == "primary_record" else " · ⚠ seen only on a secondary page"
    return (
        f"- **{md(s['direction_label'])}** · {md(s['authors'])} ({s['year']}), *{md(s['title'])}* · "
        f"{md(s['design_label'])} · {md(s['population_text'])}{status}{secondary}  \n"
        f"  {md(s['note'])}  \n  {ids + ' · ' if ids else ''}seen on: {pages or 'no page recorded'}"
    )


STUDY_COLUMNS = {
    "Status": st.column_config.TextColumn("Status", width="medium"),
    "Link": st.column_config.LinkColumn(
        "Link", display_text="open ↗", help="The study's canonical page (DOI, PubMed, PMC or registry) when it has an identifier"
    ),
}


def study_rows(studies: pd.DataFrame, with_direction: bool = False) -> pd.DataFrame:
    """Studies as a display table: one row each, with its status, identifiers, a canonical link and a verification badge."""
    out = pd.DataFrame(
        {
            "Study": studies["id"],
            "Status": studies["status_label"],
            "Year": studies["year"],
            "Title": studies["title"],
            "Design": studies["design_label"],
            "Population": studies["population_text"],
            "Finding": studies["finding"],
            "Verified": studies["verification_label"],
            "Identifiers": studies["identifiers_text"],
            "Link": studies["link"],
        }
    )
    if with_direction:
        out.insert(1, "Direction", studies["direction_label"])
        out.insert(2, "How it bears on the claim", studies["note"])
    return out


FIGURES_SHOWN = 6


def _figure_line(f) -> str:
    """One harm figure as a Markdown list item: value, denominator, kind, period, place, source."""
    value = L.figure_value(f.value, f.unit)
    unit = {"count": "", "ratio": " (ratio)", "percent_change": " change"}.get(f.unit, "")
    denominator = f"of n = {f.denominator:,.0f} " if pd.notna(f.denominator) else ""
    secondary = "" if f.verification == "primary_record" else " · ⚠ seen only on a secondary page"
    return (
        f"- **{md(value)}{unit}** {md(denominator)}{md(f.denominator_label)} · {md(f.data_kind_label)} · "
        f"{md(f.period)} · {md(f.place)} · {link(f.source_label, f.source_url)}{secondary}"
    )


def harm_card(v: Views, harm_id: str) -> None:
    """One harm: what it is, which articles mention it (with quotes), its figures and the claims it bears on."""
    rows = v.ds["harms"][v.ds["harms"]["id"] == harm_id]
    if rows.empty:
        st.info("That harm is not in the data.")
        return
    h = rows.iloc[0]
    articles = v.article_labels
    with st.container(border=True):
        st.markdown(f"#### {md(h['name'])} · {md(L.SEVERITY[h['severity']])}")
        st.caption(f"Body system: {md(h['body_system'])}. {md(h['severity_note'] or '')}")
        if isinstance(h["description"], str):
            st.markdown(md(h["description"]))
        if h["mentions"]:
            st.markdown("**What the articles say**")
            for q in h["mentions"]:
                cue = " · **mentions it only to deny or minimise it**" if q.get("stance") == "downplays" else ""
                quote_block(q["text"], q["article"], articles, cue)
        else:
            st.markdown("**No article mentions it.**")
        figs = v.figures[v.figures["harm_id"] == harm_id]
        if figs.empty:
            st.caption("No verified frequency figure for this harm.")
        else:
            # A list, not a data grid: a grid here would load the grid's code on every first view of the page.
            lines = [_figure_line(f) for f in figs.itertuples()]
            st.markdown(f"**How often: {len(figs)} figure{'s' if len(figs) != 1 else ''}**  \n" + "\n".join(lines[:FIGURES_SHOWN]))
            if len(lines) > FIGURES_SHOWN:
                with st.expander(f"The other {len(lines) - FIGURES_SHOWN} figures"):
                    st.markdown("\n".join(lines[FIGURES_SHOWN:]))
            st.caption("All figures, with notes and a download, are under Show: How often.")
        linked = D.claims_for_harm(v.claims, harm_id)
        if not linked.empty:
            st.markdown(
                "**Safety claims this harm bears on:** "
                + "; ".join(f"{md(i)} ({md(vl)})" for i, vl in zip(linked["id"], linked["verdict_label"]))
            )


def legal_history(history: pd.DataFrame, today, stale_days: int, scopes: dict | None = None) -> None:
    """One jurisdiction's legal periods as a list: status, dates, instrument, confidence, every source, notes.

    A list rather than a table, so the long instruments and notes are read whole.
    """
    if history.empty:
        st.info("There is no legal entry for this place.")
        return

    def text(x, empty: str = "") -> str:
        return x if isinstance(x, str) and x else empty

    ages = D.check_age_days(history["last_checked"], today)
    for row, age in zip(history.itertuples(), ages):
        stale = f" · ⏳ checked more than {stale_days} days ago" if D.is_stale(age, stale_days) else ""
        sources = " · ".join(link(f"source {i}", u) for i, u in enumerate(row.source_urls, 1)) or "no source recorded"
        lines = [
            f"**{md((scopes or {}).get(row.scope, row.scope))}: {md(L.LEGAL_STATUS.get(row.status, row.status))}** · "
            f"from {md(text(row.start, 'an unknown date'))} to {md(text(row.end, 'now'))}",
            md(text(row.instrument, "No instrument recorded.")),
            f"Confidence {md(L.CONFIDENCE.get(row.confidence, row.confidence))} · "
            f"{md(L.LEGAL_VERIFICATION.get(row.verification, row.verification))} · checked {md(row.last_checked)}{stale} · {sources}",
        ]
        if text(row.note):
            lines.append(f"*Note:* {md(row.note)}")
        if text(row.disagreement):
            lines.append(f"*Sources disagree:* {md(row.disagreement)}")
        st.markdown("- " + "  \n  ".join(lines))
