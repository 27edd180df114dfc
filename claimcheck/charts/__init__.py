"""Figure builders: one already-filtered DataFrame in, one ``go.Figure`` out.

Each builder answers one question (its title), draws colour together with a
second channel (marker symbol, pattern or text), and puts the typed id of the
record behind each mark (see :mod:`claimcheck.marks`) in ``customdata[0]`` so a
page can open it on selection. None of them reads files, widgets or session state.

Split by subject: :mod:`.common` (frame, fonts, escaping, theme, caveats),
:mod:`.claims`, :mod:`.evidence`, :mod:`.harms`, :mod:`.legality` and
:mod:`.table` (the text alternative); the public names are re-exported here.
"""

from .claims import cell_claims, claims_by_article, count_bars, hype_gap
from .common import EMPTY_NOTE, FONT, MAX_MARKS, MAX_ROWS, esc
from .evidence import design_ladder, evidence_matrix
from .harms import MENTION_CUE, UNIT_AXIS, counts_by_year, figure_panel, kind_panels, mentioned_vs_reported
from .legality import legal_map, timeline
from .table import figure_table

__all__ = [
    "EMPTY_NOTE", "FONT", "MAX_MARKS", "MAX_ROWS", "MENTION_CUE", "UNIT_AXIS",
    "cell_claims", "claims_by_article", "count_bars", "counts_by_year", "design_ladder", "esc", "evidence_matrix",
    "figure_panel", "figure_table", "hype_gap", "kind_panels", "legal_map", "mentioned_vs_reported", "timeline",
]  # fmt: skip
