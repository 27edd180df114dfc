"""The adverse-effects page's figures view: one kind of data at a time, filtered by severity and body system."""

from __future__ import annotations

import streamlit as st

from claimcheck import figures as F
from claimcheck import labels as L
from claimcheck import schema as S
from claimcheck import texts

from .cards import figures_grid
from .data import Views, figure
from .frame import chart, md, multiselect, view_picker

FIGURE_SETTINGS = ("kind", "severity", "system")  # the URL parameters of this view


def figures_view(v: Views) -> None:
    """Harm figures of one kind, as panels (one unit each) and as a table with sources and a download."""
    st.caption(
        "Figures of different kinds count different things (calls, survey answers, cases, deaths), so they are never put on "
        "one axis. Choose a kind of data: each panel shows one kind and one unit on its own axis, with the denominator in every label."
    )
    kinds = [k for k in S.DATA_KINDS if k in set(v.figures["data_kind"])]
    kind = view_picker("kind", {k: L.DATA_KIND[k] for k in kinds}, kinds[0] if kinds else None, label="Kind of data")
    c1, c2 = st.columns(2)
    with c1:
        sev = tuple(multiselect("Severity", S.SEVERITY, "severity", L.SEVERITY.get, placeholder="All"))
    with c2:
        sysf = tuple(multiselect("Body system", sorted(v.ds["harms"]["body_system"].unique()), "system", placeholder="All"))
    shown = F.harm_figures(v, kind, sev, sysf)
    if shown.empty:
        st.warning("No figures match these choices.", icon="🔎")
        return
    st.caption("Blue bars: figure seen on the primary record. Orange striped bars: seen only on a secondary page ⚠.")
    sources = "; ".join(dict.fromkeys(md(s) for s in shown["source_label"]))
    chart(
        figure(v, "harm_panels", kind, sev, sysf),
        key="harms.panels",
        select=True,
        **texts.caption("harms.panels", sources=sources, meaning=L.DATA_KIND_MEANING[kind]),
    )
    figures_grid(shown, "harms.table")
