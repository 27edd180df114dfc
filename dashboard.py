"""Entry point: page config, navigation and the frame every page shares.

Run with ``streamlit run dashboard.py``. The data folder is read from
$CLAIMCHECK_DATA_DIR (default: ``data/``).
"""

import streamlit as st

from ui.data import views
from ui.frame import filters_ui, sidebar_footer

_meta = views().ds.meta
st.set_page_config(page_title=_meta["title"], page_icon=_meta["icon"], layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🏠", url_path="overview", default=True),
    st.Page("pages/claims.py", title="Claims", icon="💬", url_path="claims"),
    st.Page("pages/evidence.py", title="Evidence", icon="🔬", url_path="evidence"),
    st.Page("pages/articles.py", title="Articles", icon="📰", url_path="articles"),
    st.Page("pages/adverse_effects.py", title="Adverse effects", icon="⚠️", url_path="adverse-effects"),
    st.Page("pages/legality.py", title="Legality", icon="⚖️", url_path="legality"),
    st.Page("pages/classroom.py", title="Classroom", icon="🎓", url_path="classroom"),
    st.Page("pages/methods.py", title="Methods and data", icon="📖", url_path="methods"),
]
page = st.navigation(PAGES)
st.session_state["filters"] = filters_ui(views())
sidebar_footer(views())
page.run()
