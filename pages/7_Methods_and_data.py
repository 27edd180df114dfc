"""Methods and data: the scales, the data dictionary generated from the schema, the notices."""

import streamlit as st

from claimcheck import labels as L
from claimcheck.dictionary import data_dictionary
from ui.frame import NOTICE, md, page_setup

v, filters = page_setup("Methods and data")
st.title("Methods and data")
st.markdown(NOTICE)
st.subheader("Rating scales")
st.markdown(
    "- **Verdict** per claim: " + ", ".join(L.VERDICT[k] for k in L.VERDICT if k) + ".\n"
    "- **Certainty** of the human evidence, GRADE-style: " + ", ".join(L.CERTAINTY[k] for k in L.CERTAINTY_RANK) + ".\n"
    "- **Study design ladder**, strongest first: " + "; ".join(L.DESIGN[k] for k in L.DESIGN_ORDER) + ". "
    "Traditional use is shown, never counted as evidence that something works.\n"
    '- **Assertiveness** of the wording: hedged ("may", "some users report"), qualified (a claim with an explicit '
    'limit, "research suggests"), confident (a plain statement of fact), absolute ("without", "no risk", certainty words).\n'
    "- **Legal status**: " + ", ".join(L.LEGAL_STATUS.values()) + "; each with a confidence of high, medium or low."
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
