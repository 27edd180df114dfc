"""Evidence: the studies and official sources, on the design ladder and the evidence map."""

import streamlit as st

from claimcheck import texts
from ui.cards import cell_studies, ladder_studies, studies_grid
from ui.data import derived, figure
from ui.frame import chart, empty_state, filter_summary, page_setup, pick_from_chart, view_picker

v, filters = page_setup("evidence")
st.title("Evidence")
st.caption("Every study and official document behind the verdicts. ⚠ marks a source seen only on a secondary page.")
filter_summary(filters, v, ("article", "topic", "verdict", "certainty", "design"))
studies = derived(v, "studies_in_view", filters)
uncounted = int((~studies["counted"]).sum())
not_counted = f" {uncounted} registered, ongoing or unpublished stud{'ies are' if uncounted != 1 else 'y is'} listed under All studies but not counted."
# One chart at a time: each costs the browser time to draw, and each answers its own question.
VIEWS = {"map": "Evidence map: topics by kind of study", "ladder": "Design ladder: how many studies of each kind", "table": "All studies"}
view = view_picker("view", VIEWS, "map")
if view == "ladder":
    pick_from_chart("evidence.ladder", "rung", studies["design"].unique().tolist())
    chart(
        figure(v, "design_ladder", filters),
        key="evidence.ladder",
        select=True,
        **texts.caption("evidence.ladder", not_counted=not_counted * bool(uncounted)),
    )
    studies = ladder_studies(studies, "rung")
elif view == "map":
    cells = derived(v, "cells", filters)
    pick_from_chart("evidence.matrix", "cell", cells)
    chart(
        figure(v, "evidence_map", filters),
        key="evidence.matrix",
        select=True,
        **texts.caption("evidence.matrix", not_counted=not_counted * bool(uncounted)),
    )
    cell_studies(v, filters, cells, "cell")
if view == "table" or (view == "ladder" and studies is not None):
    if studies.empty:
        empty_state("studies", filters)
    else:
        studies_grid(studies, "evidence.table")
