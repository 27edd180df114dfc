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
from .common import EMPTY_NOTE, MAX_MARKS, MAX_ROWS, caveat_text, for_slide, themed, with_caveats
from .evidence import EVIDENCE_TIERS, GAP, NO_STUDY, best_evidence_by_topic, best_tier_by_topic, design_ladder, evidence_matrix
from .harms import PANEL_BARS, bar_labels, counts_by_year, figure_panel, kind_panels, mentioned_vs_reported, warnings_by_severity
from .legality import LOCAL_RULES, legal_map, timeline
from .table import figure_table

__all__ = [
    "EMPTY_NOTE", "EVIDENCE_TIERS", "GAP", "NO_STUDY", "best_evidence_by_topic", "best_tier_by_topic", "LOCAL_RULES", "MAX_MARKS", "MAX_ROWS", "PANEL_BARS",
    "bar_labels", "caveat_text", "cell_claims", "claims_by_article", "count_bars", "counts_by_year", "design_ladder",
    "evidence_matrix", "figure_panel", "figure_table", "for_slide", "hype_gap", "kind_panels", "legal_map", "mentioned_vs_reported",
    "themed", "timeline", "warnings_by_severity", "with_caveats",
]  # fmt: skip
