"""The Methods and data page, drawn from claimcheck/texts/methods.md: its prose as written, its tables and downloads here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimcheck import claimreview as CR
from claimcheck import labels as L
from claimcheck import texts as TEXTS
from claimcheck.domain import SCORECARD_ITEMS
from claimcheck.export import CSV_NOTE
from claimcheck.freshness import MAX_AGE_DAYS
from claimcheck.load import read_data_file
from claimcheck.schema import TABLES

from .data import Views, claim_reviews, downloads
from .frame import NOTICE, download, md


def _definitions(df: pd.DataFrame, alt: str) -> None:
    """Definitions as a static table: every cell wraps, so no meaning is cut off at any width (a data grid cuts long text)."""
    st.table(df, hide_index=True, border="horizontal", alt=alt)


def _scale(rows: list[tuple[str, str]], name: str) -> None:
    """A rating scale as a two-column table: each level and what it means."""
    _definitions(pd.DataFrame(rows, columns=[name, "Meaning"]), f"{name}: each level and what it means")


def _rubric(v: Views) -> None:
    ex = v.ds.meta["rubric_examples"]
    rows = [
        ("Hedged", "Possibility only: may, might, potential, some users report.", ex["hedged"]),
        ("Qualified", "A claim with an explicit limit or condition: research suggests, can help, for some people.", ex["qualified"]),
        ("Confident", "A plain statement of fact, with no hedge.", ex["confident"]),
        ("Absolute", "Certainty or the absence of risk: without, no risk, completely, particularly effective.", ex["absolute"]),
    ]
    _definitions(
        pd.DataFrame(rows, columns=["Level", "Rule", "Shape of an example"]), "How sure the wording is: each level, its rule and an example"
    )


def _verdict_and_certainty(v: Views) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**Verdict**")
        _scale([(L.VERDICT_ICON[L.VERDICT[k]] + " " + L.VERDICT[k], d) for k, d in L.VERDICT_DEFINITION.items()], "Verdict")
    with right:
        st.markdown("**Certainty of the human evidence** (after GRADE)")
        _scale([(L.CERTAINTY[k], d) for k, d in L.CERTAINTY_DEFINITION.items()], "Certainty")


def _decision_rules(v: Views) -> None:
    with st.expander("Decision rules a second reader can apply the same way"):
        st.markdown(TEXTS.verdict_rules(v.ds.meta["worked_examples"]))
    with st.expander("How these scales relate to GRADE, Oxford CEBM, Natural Medicines-style ratings and letter grades"):
        st.markdown(TEXTS.scale_crosswalk())


def _glossary(v: Views) -> None:
    glossary = v.ds["glossary"]
    if not glossary.empty:
        st.header("Glossary")
        _definitions(glossary.rename(columns={"term": "Term", "definition": "Meaning"}), "Glossary: each term and what it means")


def _limitations(v: Views) -> None:
    if v.ds.meta.get("limitations"):
        st.header("Known limitations")
        st.markdown("\n".join(f"- {md(x)}" for x in v.ds.meta["limitations"]))


def _dictionary(v: Views) -> None:
    # One table's fields at a time: twenty wrapped tables drawn at once made this the slowest page to open.
    dd = downloads(v)["dictionary"]
    tables = list(dict.fromkeys(dd["Table"]))
    files = dict(zip(dd["Table"], dd["File"]))
    name = st.selectbox("Fields of the table", tables, format_func=lambda t: f"{t} — {files[t]}", key="methods.fields")
    part = dd[dd["Table"] == name]
    st.caption(md(part["Table description"].iloc[0]))
    _definitions(part.drop(columns=["Table", "File", "Table description"]), f"Fields of the {name} table")


def _downloads(v: Views) -> None:
    # Every file is built only when its button is clicked (and then once per data version).
    names = {t.name: f"{t.title} ({t.file})" for t in TABLES}
    choice = st.selectbox("Table", [t.name for t in TABLES if not v.ds[t.name].empty], format_func=names.get, key="methods.table")
    if choice is None:
        st.info("No table has any valid record to download.")
    else:
        download(
            f"Download the whole {names[choice]} table (CSV)",
            lambda: downloads(v)["tables"][choice],
            f"{choice}.csv",
            key="methods.table.download",
        )
    download(
        "Download the whole dataset with its data dictionary (zip)",
        lambda: downloads(v)["zip"],
        "dataset.zip",
        key="methods.zip",
        mime="application/zip",
    )
    download("Download the data dictionary (CSV)", lambda: downloads(v)["dictionary_csv"], "data-dictionary.csv", key="methods.dictionary")
    download("Download every verdict as schema.org ClaimReview (JSON-LD)", claim_reviews(v), "claimreview.jsonld",
             key="methods.claimreview", mime="application/ld+json")  # fmt: skip
    st.caption(
        f"ClaimReview ratings use a 1-5 scale: {CR.RATING_SCALE}. Each review links to its claim at this app's address "
        "(or at CLAIMCHECK_PUBLIC_URL when set)."
    )
    st.caption(CSV_NOTE)


def _changelog(v: Views) -> None:
    changelog, _ = read_data_file(v.ds.data_dir, "CHANGELOG.md")  # read as safely as the tables; problems are in the banner
    if changelog:
        with st.expander("Changelog of the data"):
            st.text(changelog)


BLOCKS = {
    "rubric": _rubric,
    "verdict_and_certainty": _verdict_and_certainty,
    "basis": lambda v: _scale([(L.BASIS[k], L.BASIS_DEFINITION[k]) for k in L.BASIS], "Rests on"),
    "study_status": lambda v: _scale([(L.STUDY_STATUS[k], L.STUDY_STATUS_DEFINITION[k]) for k in L.STUDY_STATUS], "Status"),
    "decision_rules": _decision_rules,
    "legal_status": lambda v: _scale([(L.LEGAL_STATUS[k], d) for k, d in L.LEGAL_STATUS_DEFINITION.items()], "Status"),
    "scorecard": lambda v: _definitions(
        pd.DataFrame(SCORECARD_ITEMS, columns=["Item", "Question", "Adopted from"]).drop(columns="Item"),
        "Scorecard questions and their origin",
    ),  # fmt: skip
    "glossary": _glossary,
    "limitations": _limitations,
    "dictionary": _dictionary,
    "downloads": _downloads,
    "validate": lambda v: st.code("python -m claimcheck validate data/", language="bash"),
    "citation": lambda v: st.markdown(md(v.ds.meta.get("citation") or v.ds.meta["title"])),
    "changelog": _changelog,
}


def render(v: Views) -> None:
    """Draw the page: each prose part of methods.md as Markdown, each ``@@ name`` block by its function."""
    meta = v.ds.meta
    values = {
        "notice": NOTICE + " " + md(meta["notice"]),
        "certainty_scope": md(L.CERTAINTY_SCOPE_NOTE),
        "reasons": md("; ".join(L.REASON.values())),
        "designs": md("; ".join(L.DESIGN[k] for k in L.DESIGN_ORDER)),
        "scopes": md(", or ".join(meta["scope_descriptions"].values()) or "what the rule covers"),
        "max_age": MAX_AGE_DAYS["legality"],
        "licence": md(meta["licence"]),
        "last_updated": md(meta["last_updated"]),
    }
    first, *blocks = TEXTS.page_text("methods").split("-->", 1)[1].split("\n@@ ")
    st.markdown(first.strip().format(**values))
    for block in blocks:
        name, _, prose = block.partition("\n")
        BLOCKS[name.strip()](v)
        if prose.strip():
            st.markdown(prose.strip().format(**values))
