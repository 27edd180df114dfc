"""Display names, orders, colours and marker symbols for every category.

One place for all of them, so every chart and table speaks the same words
and uses the same colours. Colours come from the Okabe-Ito palette, chosen to
stay distinguishable with the common colour-vision deficiencies; every
categorical colour is paired with a marker symbol or text so colour is never
the only channel.
"""

from __future__ import annotations

from . import schema as S

# Okabe-Ito
ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILION, PURPLE, GREY, BLACK = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#000000",
)  # fmt: skip

VERDICT = {
    "supported": "Supported",
    "partly_supported": "Partly supported",
    "insufficient": "Insufficient evidence",
    "not_supported": "Not supported",
    "contradicted": "Contradicted",
    None: "Not yet assessed",
}
VERDICT_COLOUR = {
    "Supported": BLUE,
    "Partly supported": SKY,
    "Insufficient evidence": GREY,
    "Not supported": ORANGE,
    "Contradicted": VERMILION,
    "Not yet assessed": "#DDDDDD",
}
VERDICT_SYMBOL = {
    "Supported": "circle",
    "Partly supported": "diamond",
    "Insufficient evidence": "square-open",
    "Not supported": "triangle-down",
    "Contradicted": "x",
    "Not yet assessed": "circle-open",
}
VERDICT_ICON = {
    "Supported": "✔",
    "Partly supported": "◐",
    "Insufficient evidence": "?",
    "Not supported": "✖",
    "Contradicted": "⛔",
    "Not yet assessed": "…",
}

VERDICT_DEFINITION = {
    "supported": "The evidence backs the claim as worded. For a claim about an effect in people that means evidence in the right "
    "population; a claim that a harm occurs, or that reports what a study or document says, is supported when the source shows "
    "exactly that (see the decision rules), so check its certainty or basis too.",
    "partly_supported": "Some of the claim holds, but it goes further than the evidence (another population, a narrower finding, a weaker effect).",
    "insufficient": "Too little evidence to judge either way; often only animal or cell data, or nothing at all.",
    "not_supported": "The evidence that exists does not back the claim, or the claim misstates it.",
    "contradicted": "Good evidence points the other way.",
}
# Paraphrased from the GRADE definitions (Balshem et al., J Clin Epidemiol 2011;64:401-406).
CERTAINTY_DEFINITION = {
    "high": "Very confident that the true effect is close to what the studies found.",
    "moderate": "Moderately confident: the true effect is probably close, but could be substantially different.",
    "low": "Limited confidence: the true effect may be substantially different.",
    "very_low": "Very little confidence: the true effect is probably substantially different.",
    "none": "No human evidence at all (animal or cell data only, or nothing). This level is the project's addition to GRADE's four.",
}
LEGAL_STATUS_DEFINITION = {
    "banned": "Scheduled or controlled under drug law: possessing or selling it is an offence.",
    "restricted": "Possession is not a crime, but selling, supplying or importing it for consumption is blocked.",
    "regulated": "A legal market with specific rules, such as an age limit, labelling or licences.",
    "unregulated": "No specific law found; general food or medicine law may still apply.",
    "unclear": "Sources conflict, or no usable source was found.",
}

# What an ungraded (regulatory, tradition or study) claim rests on, in place of a certainty.
BASIS = {
    "official_text": "Official text (law, regulation or register)",
    "agency_page": "A government agency's own page",
    "study_record": "The published study or review itself",
    "secondary_report": "Secondary reports only (news, vendor or aggregator pages)",
    "none_found": "No source found",
}
BASIS_SHORT = {
    "official_text": "official text",
    "agency_page": "an agency page",
    "study_record": "the study itself",
    "secondary_report": "secondary reports",
    "none_found": "no source found",
}
BASIS_DEFINITION = {
    "official_text": "The statute, regulation, register entry or order itself was read.",
    "agency_page": "A page published by the responsible government agency was read (not the legal text itself).",
    "study_record": "The claim reports what a study, review or statistic says, and that publication's own record was read.",
    "secondary_report": "Only news reports, vendor pages or aggregators were found; the original was not seen.",
    "none_found": "No source for the claim was found.",
}
CERTAINTY_SCOPE_NOTE = (
    "Certainty is graded only for health claims (efficacy, safety, mechanism, dosage). A claim about law or regulation, "
    "history or tradition, or what a study or statistic reports is not a health effect, so it shows what it rests on instead."
)

CERTAINTY = {"high": "High", "moderate": "Moderate", "low": "Low", "very_low": "Very low", "none": "None", None: "Not rated"}
# Position on a 0-4 axis, used to compare with assertiveness.
CERTAINTY_RANK = {"none": 0, "very_low": 1, "low": 2, "moderate": 3, "high": 4}

ASSERTIVENESS = {"hedged": "Hedged", "qualified": "Qualified", "confident": "Confident", "absolute": "Absolute"}
ASSERTIVENESS_RANK = {"hedged": 1, "qualified": 2, "confident": 3, "absolute": 4}

CLAIM_TYPE = {
    "efficacy": "Efficacy",
    "safety": "Safety",
    "mechanism": "Mechanism",
    "dosage": "Dosage",
    "regulatory": "Regulatory",
    "tradition": "Tradition",
    "study": "About a study",
}

REASON = {
    "animal_or_cell_as_human": "Animal or cell data presented as human",
    "overstates_certainty": "Overstates certainty",
    "misdescribes_study": "Misdescribes the cited study",
    "omits_harms": "Omits harms",
    "tradition_as_evidence": "Tradition presented as evidence",
    "no_evidence_found": "No evidence found",
    "wrong_population": "Evidence from a different population",
    "self_report_as_effect": "Reasons for use presented as proof of effect",
    "accurate_but_incomplete": "Accurate but incomplete",
    "outdated": "Outdated",
}

DESIGN = {
    "systematic_review": "Systematic review / meta-analysis",
    "rct": "Randomised controlled trial",
    "observational": "Observational study",
    "case_report": "Case report / series",
    "animal": "Animal study",
    "in_vitro": "In vitro / in silico",
    "product_analysis": "Product analysis",
    "regulatory": "Regulatory or surveillance report",
    "traditional": "Traditional use / anecdote",
}
# Column headings where nine columns share a phone's width (the evidence map); the full names are in its hover.
DESIGN_SHORT = {
    "systematic_review": "Systematic reviews",
    "rct": "Randomised trials",
    "observational": "Observational",
    "case_report": "Case reports",
    "animal": "Animal",
    "in_vitro": "In vitro / in silico",
    "product_analysis": "Product analysis",
    "regulatory": "Regulatory reports",
    "traditional": "Traditional use",
}
# The ladder, strongest human evidence first. Traditional use is shown but never counts as evidence of efficacy.
DESIGN_ORDER = tuple(S.DESIGNS)
HUMAN_CONTROLLED = ("systematic_review", "rct")

DIRECTION = {
    "supports": "Supports",
    "partly_supports": "Partly supports",
    "contradicts": "Contradicts",
    "no_bearing": "No bearing",
}
DIRECTION_COLOUR = {"Supports": BLUE, "Partly supports": SKY, "Contradicts": VERMILION, "No bearing": GREY}
DIRECTION_SYMBOL = {"Supports": "circle", "Partly supports": "diamond", "Contradicts": "x", "No bearing": "hexagon"}

VERIFICATION = {"primary_record": "Primary record seen", "secondary_only": "Secondary page only ⚠"}

STUDY_STATUS = {
    "published": "Published",
    "completed_without_results": "Finished, no published results",
    "ongoing": "Ongoing",
    "registered": "Registered only",
}
STUDY_STATUS_DEFINITION = {
    "published": "Its results are public (a paper, report or agency page) and can count as evidence.",
    "completed_without_results": "Finished, but no results were published: listed for context, never counted as evidence.",
    "ongoing": "Still running: listed for context, never counted as evidence.",
    "registered": "Only a registry entry was seen: listed for context, never counted as evidence.",
}
NOT_COUNTED = "Not counted (no published results)"

# Canonical pages for each kind of identifier, preferred over mirrors when a study has one.
IDENTIFIER_URL = {
    "doi": ("DOI", "https://doi.org/{}"),
    "pmid": ("PubMed", "https://pubmed.ncbi.nlm.nih.gov/{}/"),
    "pmcid": ("PMC", "https://pmc.ncbi.nlm.nih.gov/articles/{}/"),
    "nct": ("ClinicalTrials.gov", "https://clinicaltrials.gov/study/{}"),
}
POPULATION_KIND = {"humans": "people", "animals": "animals", "cells": "cells", "products": "products tested", "none": "no population"}

SEVERITY = {"mild": "Mild", "moderate": "Moderate", "serious": "Serious", "life_threatening": "Life-threatening"}
SEVERITY_COLOUR = {"Mild": "#FDE0C5", "Moderate": ORANGE, "Serious": VERMILION, "Life-threatening": "#7F2704"}

DATA_KIND = {
    "poison_centre_exposures": "Poison-centre exposures",
    "survey_respondents": "Survey respondents",
    "case_series": "Cases in a case series",
    "deaths": "Deaths",
    "clinical_study": "Clinical study participants",
    "product_tests": "Products tested",
    "regulatory_action": "Regulatory actions",
}
DATA_KIND_MEANING = {
    "poison_centre_exposures": "Calls to poison centres about exposures. They lean towards people with symptoms and "
    "hospital cases, so a share of calls is not a rate among users.",
    "survey_respondents": "People who answered a survey, usually self-selected users recruited online. A share of "
    "respondents is not a rate among all users.",
    "case_series": "Cases collected by a registry or clinicians. A count of cases is not a rate: nobody counted "
    "how many users were not harmed.",
    "deaths": "Deaths in which the substance was detected or judged to contribute. Most involved other substances "
    "too; detection is not proof of cause.",
    "clinical_study": "Participants in a clinical study, often few and healthy.",
    "product_tests": "Products bought and tested in a laboratory.",
    "regulatory_action": "Actions by a regulator, such as warning letters or seizures.",
}

LEGAL_STATUS = {
    "banned": "Banned",
    "restricted": "Restricted",
    "regulated": "Regulated",
    "unregulated": "No specific law",
    "unclear": "Unclear",
}
LEGAL_STATUS_COLOUR = {
    "Banned": VERMILION,
    "Restricted": ORANGE,
    "Regulated": SKY,
    "No specific law": BLUE,
    "Unclear": GREY,
}
LEGAL_STATUS_SYMBOL = {
    "Banned": "x",
    "Restricted": "triangle-up",
    "Regulated": "diamond",
    "No specific law": "circle",
    "Unclear": "square",
}
CONFIDENCE = {"high": "High", "medium": "Medium", "low": "Low ⚠"}
LEGAL_VERIFICATION = {"primary": "official text seen", "secondary": "⚠ seen only on a secondary page", "unverified": "⚠ unverified"}
LEVEL = {"country": "Country", "federal": "Federal", "state": "State", "local": "City or county"}

# Headers of the full legal table on the Legality page.
LEGAL_TABLE_COLUMNS = {
    "code": "Code",
    "name": "Place",
    "level": "Level",
    "scope": "What is covered",
    "start": "From",
    "end": "Until",
    "instrument": "Law or notice",
    "confidence": "Confidence · verification",
    "disagreement": "Where sources disagree",
}

PUBLISHER = {"vendor": "Vendor", "affiliate": "Affiliate", "content_site": "Content site", "unknown": "Not stated"}


def label(mapping: dict, value) -> str:
    """Display name for a stored value; the value itself when no name is declared."""
    if value is None or (isinstance(value, float) and value != value):
        return mapping.get(None, "—")
    return mapping.get(value, str(value))


def figure_value(value: float, unit: str) -> str:
    """A harm figure as people write it: 27,338 and 0.56%, never 2.734e+04."""
    v = float(value)
    text = f"{int(v):,}" if v.is_integer() else f"{v:,.6g}"
    return text + "%" if unit in ("percent", "percent_change") else text
