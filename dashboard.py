"""Entry point and Overview page: the headline numbers, and how sure the articles sound against the evidence.

Run with ``streamlit run dashboard.py``. The other pages are the scripts in ``pages/``, declared
in ``claimcheck/sitemap.py``; each starts with :func:`ui.frame.page_setup`, which draws the frame
every page shares. The data folder is read from $CLAIMCHECK_DATA_DIR (default: ``data/``).
"""

import streamlit as st

from claimcheck import texts
from ui.cards import claim_picker, group_list, headline
from ui.data import derived, figure
from ui.frame import chart, empty_state, filter_summary, md, missing_record_notice, page_setup, pick_from_chart

v, filters = page_setup("overview")
st.title(md(v.ds.meta["title"]))  # data text: escaped like every other
st.markdown(md(v.ds.meta["summary"]))
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))
claims = derived(v, "claims_in_view", filters)
headline(v, filters)
if claims.empty:
    empty_state("claims", filters)
    st.stop()
ids = claims["id"].tolist()
pick_from_chart("overview.hype", "claim", ids)
chart(figure(v, "hype_gap", filters), key="overview.hype", select=True, **texts.caption("overview.hype"))
group_list(claims, "overview.hype")  # a grouped mark (large data) lists its claims
missing_record_notice(v, "claim", "claims", "Claim")
claim_picker(v, ids, "Open a claim (or select a mark on the chart)", behind="Open a claim from a list")
