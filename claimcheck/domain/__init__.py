"""Filtering and aggregation: DataFrames in, DataFrames out, one module per subject.

Nothing here reads widgets or session state; pages pass in a :class:`Filters`
value built from the URL and the sidebar, and get back frames ready to chart.

- ``filters``: the shared filters, declared once as data (``FILTER_SPECS``)
- ``claims``: the claims ledger, search, headline numbers
- ``evidence``: studies, identifiers, the design ladder, the evidence map
- ``harms``: harm mentions per article, reported figures
- ``legal``: legal status in force, check ages, histories, the timeline
- ``articles``: the article scorecard
- ``common``: recorded yes/no values, id-to-label maps

Every public name is re-exported here: ``from claimcheck import domain as D; D.claims_table``.
"""

from .articles import (
    SCORECARD_ITEMS,
    article_scorecard,
)
from .claims import (
    certainty_label,
    claim_quotes,
    claims_by_article,
    claims_in_bars,
    claims_table,
    headline_numbers,
    search_claims,
)
from .common import (
    label_map,
    truth,
)
from .evidence import (
    best_link,
    cell_studies,
    cell_studies_for_display,
    claim_evidence,
    claim_ladder,
    design_ladder,
    evidence_links,
    evidence_matrix,
    identifier_links,
    identifier_text,
    population_text,
    studies_table,
)
from .filters import (
    FILTER_PARAMS,
    FILTER_SPECS,
    REGION_LABELS,
    REGIONS,
    SPEC,
    Filters,
    FilterSpec,
    allowed_filter_values,
    filter_claims,
    filter_studies,
    filter_value_labels,
    filters_to_query,
    parse_filters,
)
from .harms import (
    claims_for_harm,
    figures_for_display,
    figures_table,
    filter_figures,
    harm_mentions,
    unwarned_serious_harms,
    yearly_counts,
)
from .legal import (
    STALE_DAYS,
    check_age_days,
    is_stale,
    jurisdiction_history,
    legal_years,
    local_rules_by_state,
    provenance_table,
    status_as_of,
    timeline_events,
)

__all__ = [
    "FILTER_PARAMS",
    "FILTER_SPECS",
    "FilterSpec",
    "Filters",
    "REGIONS",
    "REGION_LABELS",
    "SCORECARD_ITEMS",
    "SPEC",
    "STALE_DAYS",
    "allowed_filter_values",
    "article_scorecard",
    "best_link",
    "cell_studies",
    "cell_studies_for_display",
    "certainty_label",
    "check_age_days",
    "claim_evidence",
    "claim_ladder",
    "claim_quotes",
    "claims_by_article",
    "claims_for_harm",
    "claims_in_bars",
    "claims_table",
    "design_ladder",
    "evidence_links",
    "evidence_matrix",
    "figures_for_display",
    "figures_table",
    "filter_claims",
    "filter_figures",
    "filter_studies",
    "filter_value_labels",
    "filters_to_query",
    "harm_mentions",
    "headline_numbers",
    "identifier_links",
    "identifier_text",
    "is_stale",
    "jurisdiction_history",
    "label_map",
    "legal_years",
    "local_rules_by_state",
    "parse_filters",
    "population_text",
    "provenance_table",
    "search_claims",
    "status_as_of",
    "studies_table",
    "timeline_events",
    "truth",
    "unwarned_serious_harms",
    "yearly_counts",
]
