"""Entry point and Overview page: the headline numbers, and how sure the articles sound against the evidence.

Run with ``streamlit run dashboard.py``. The other pages are the scripts in ``pages/``, declared
in ``claimcheck/sitemap.py``; each starts with :func:`ui.frame.page_setup`, which draws the frame
every page shares. The data folder is read from $CLAIMCHECK_DATA_DIR (default: ``data/``).
"""

import streamlit as st

from claimcheck import figures as F
from claimcheck import texts
from ui.cards import claim_picker, group_list, headline
from ui.data import figure
from ui.frame import chart, empty_state, filter_summary, md, missing_record_notice, page_setup, pick_from_chart

v, filters = page_setup("overview")
st.title(md(v.ds.meta["title"]))  # data text: escaped like every other
st.markdown(md(v.ds.meta["summary"]))
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))
claims = F.claims_in_view(v, filters)
headline(claims)
if claims.empty:
    empty_state("claims", filters)
    st.stop()
pick_from_chart("overview.hype", "claim", claims["id"])
chart(figure(v, "hype_gap", filters), key="overview.hype", select=True, **texts.caption("overview.hype"))
group_list(claims, "overview.hype")  # a grouped mark (large data) lists its claims
missing_record_notice(v, "claim", "claims", "Claim")
claim_picker(v, list(claims["id"]), "Open a claim (or select a mark on the chart)")
