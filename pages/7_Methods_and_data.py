"""Methods and data: the scales, the data dictionary generated from the schema, the notices."""

import pandas as pd
import streamlit as st

from claimcheck import labels as L
from claimcheck.dictionary import data_dictionary
from claimcheck.domain import SCORECARD_ITEMS
from ui.frame import NOTICE, md, page_setup

v, filters = page_setup("Methods and data")
st.title("Methods and data")
st.markdown(NOTICE)
st.subheader("How claims were extracted")
st.markdown(
    "Each article was read line by line and every checkable statement was recorded: what the product does "
    "(efficacy), how it works (mechanism), how safe it is (safety, including side-effect lists), how much to take "
    "(dosage), what the law says (regulatory), what tradition says (tradition) and what studies showed (study). "
    "A claim made by several articles is one claim with several quotes. Every quote is copied verbatim and the "
    "validator proves it is found in its article, with whitespace and curly quotes normalised. Statements with "
    "nothing to check (questions, general advice to see a doctor) are not claims."
)
st.subheader("How sure the wording is: the assertiveness rubric")
st.dataframe(
    pd.DataFrame(
        [
            ("Hedged", "Possibility only: may, might, potential, some users report.", "“may help with sleep”"),
            (
                "Qualified",
                "A claim with an explicit limit or condition: research suggests, can help, for some people.",
                "“research suggests it may modulate pain signals”",
            ),
            ("Confident", "A plain statement of fact, with no hedge.", "“it relieves back pain”"),
            (
                "Absolute",
                "Certainty or the absence of risk: without, no risk, completely, particularly effective.",
                "“without the potential for addiction”",
            ),
        ],
        columns=["Level", "Rule", "Shape of an example"],
    ),
    hide_index=True,
    width="stretch",
)
st.caption("When a claim has several quotes, its level is that of the most assertive one. Red-flag wording lists the words that overstate.")
st.subheader("Rating scales")
st.markdown(
    "- **Verdict** per claim: " + ", ".join(L.VERDICT[k] for k in L.VERDICT if k) + ".\n"
    "- **Reason tags**: " + "; ".join(L.REASON.values()) + ".\n"
    "- **Certainty** of the human evidence, in the style of GRADE: " + ", ".join(L.CERTAINTY[k] for k in L.CERTAINTY_RANK) + ". "
    "Animal and cell studies can explain a mechanism but count as no human evidence.\n"
    "- **Study design ladder**, strongest first: " + "; ".join(L.DESIGN[k] for k in L.DESIGN_ORDER) + ". "
    "Traditional use is shown, never counted as evidence that something works.\n"
    "- **Legal status**: " + ", ".join(L.LEGAL_STATUS.values()) + "; each with a confidence of high, medium or low.\n"
    "- **Harm severity** (mild, moderate, serious, life-threatening) is an editorial judgement of typical clinical severity, rated apart from benefit."
)
st.subheader("The article scorecard")
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
st.subheader("Data dictionary")
st.caption("Generated from the data contract in the code, so it always matches what the validator checks.")
dd = data_dictionary()
for table_name, part in dd.groupby("Table", sort=False):
    with st.expander(f"{table_name} — {md(part['File'].iloc[0])}"):
        st.caption(md(part["Table description"].iloc[0]))
        st.dataframe(part.drop(columns=["Table", "File", "Table description"]), hide_index=True, width="stretch")
st.download_button(
    "Download the data dictionary (CSV)", dd.to_csv(index=False).encode(), "data-dictionary.csv", "text/csv", key="methods.dictionary"
)
st.subheader("Check the data yourself")
st.code("python -m claimcheck validate data/", language="bash")
st.caption(
    f"This copy of the data was last updated {md(v.ds.meta['last_updated'])}; data licence {md(v.ds.meta['licence'])}; code licence MIT."
)
