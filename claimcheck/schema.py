"""The data contract: every curated table declared once, as data.

Each :class:`Table` names its file, its format, its primary key and its fields.
Each :class:`Field` carries a type, whether it is required, its allowed values,
the table it refers to (a foreign key) and a description. The validator, the
loader, the data dictionary on the methods page and the tests all read these
declarations, so the contract lives in one place.

Why YAML for some tables and CSV for others: records that hold long text and
verbatim quotes (articles, claims, studies, harms) are YAML lists, where block
scalars keep quotes readable and diffs small; flat rows (links, figures, legal
periods, vocabularies) are CSV, which is easy to edit in a spreadsheet.

Nothing here names a topic: topic words live in ``data/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .freshness import MAX_AGE_DAYS

# --- field types -------------------------------------------------------------
STRING = "string"  # one line of text
TEXT = "text"  # long text, may span lines
INTEGER = "integer"
NUMBER = "number"
BOOLEAN = "boolean"
DATE = "date"  # YYYY-MM-DD
PARTIAL_DATE = "partial_date"  # YYYY, YYYY-MM or YYYY-MM-DD
URL = "url"  # http(s) only
URL_LIST = "url_list"  # YAML list, or " ; "-separated in CSV
STRING_LIST = "string_list"  # YAML list, or " ; "-separated in CSV
ENUM_LIST = "enum_list"  # like STRING_LIST, each item from `enum`
OBJECT_LIST = "object_list"  # YAML list of mappings declared by `item_fields`

FIELD_TYPES = (
    STRING,
    TEXT,
    INTEGER,
    NUMBER,
    BOOLEAN,
    DATE,
    PARTIAL_DATE,
    URL,
    URL_LIST,
    STRING_LIST,
    ENUM_LIST,
    OBJECT_LIST,
)

# --- special checks a field may ask for ----------------------------------------
CHECK_QUOTE = "quote"  # text must be found verbatim in the article named by `article`
CHECK_JURISDICTION = "jurisdiction"  # code must fit the record's `level`
CHECK_ID = "id"  # letters, digits, '-', '_', '.', ':'
CHECK_ICON = "icon"  # an emoji, or a Material icon written :material/name:

# A `maximum` of TODAY means "not in the future": today's date for a date field,
# this year for a year. "Today" is the date in the time zone that is furthest
# ahead (UTC+14), so a curator anywhere on Earth may write their own date.
TODAY = "today"

LIST_SEPARATOR = " ; "


@dataclass(frozen=True)
class Field:
    """One column (CSV) or key (YAML) of a table."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    ref: str | None = None  # table whose primary key this field refers to
    check: str | None = None
    item_fields: tuple[Field, ...] = ()
    min_items: int = 0
    # Range of a number, whole number or date (a date as "YYYY-MM-DD"), both ends included;
    # TODAY as the maximum means "not in the future".
    minimum: float | str | None = None
    maximum: float | str | None = None
    min_length: int = 0  # fewest characters of a text, after whitespace is collapsed

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"field {self.name}: unknown type {self.type!r}")
        if (self.minimum is not None or self.maximum is not None) and self.type not in (INTEGER, NUMBER, DATE):
            raise ValueError(f"field {self.name}: a range needs a number, whole number or date")

    @cached_property
    def item_table(self) -> Table:
        """The entries of an object list, declared as a table of their own (no key)."""
        return Table(self.name, "", "", "", self.item_fields, primary_key=())


@dataclass(frozen=True)
class Rule:
    """A check on one field that depends on the record, declared as data.

    ``when`` = (other field, values): the rule applies only to records whose
    other field has one of these values. Then the field must lie in
    [``minimum``, ``maximum``], be a whole number if ``whole``, and be no larger
    than the field named by ``at_most`` when both are given.
    """

    field: str
    when: tuple[str, tuple[str, ...]] | None = None
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False
    at_most: str | None = None


@dataclass(frozen=True)
class Table:
    """One curated table: a file in the data folder and the shape of its records."""

    name: str
    file: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ("id",)
    # (start field, end field, fields that identify one timeline): periods of one
    # timeline must not overlap.
    periods: tuple[str, str, tuple[str, ...]] | None = None
    required_file: bool = True
    # A file that is present but holds no records (0 bytes, only comments, only a header)
    # is a problem unless the table may be empty.
    may_be_empty: bool = False
    rules: tuple[Rule, ...] = ()

    @property
    def format(self) -> str:
        return "yaml" if self.file.endswith((".yaml", ".yml")) else "csv"

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        # Cached: the validator asks for it once per record.
        return tuple(f.name for f in self.fields)

    @cached_property
    def field_set(self) -> frozenset[str]:
        return frozenset(self.field_names)


# --- shared vocabularies (generic to any claims-versus-evidence dataset) -------
PUBLISHER_KINDS = ("vendor", "affiliate", "content_site", "unknown")
SIGNAL_KINDS = ("brand_promotion", "buying_advice", "product_names", "boilerplate", "call_to_action")
CLAIM_TYPES = ("efficacy", "safety", "mechanism", "dosage", "regulatory", "tradition", "study")
ASSERTIVENESS = ("hedged", "qualified", "confident", "absolute")
VERDICTS = ("supported", "partly_supported", "insufficient", "not_supported", "contradicted")
CERTAINTY = ("high", "moderate", "low", "very_low", "none")
# GRADE-style certainty describes a body of human evidence about a health effect. Claims
# about law and regulation, history and tradition, or what a study or statistic reports
# are not graded on it: they show what they rest on (`basis`) instead.
GRADED_CLAIM_TYPES = ("efficacy", "safety", "mechanism", "dosage")
UNGRADED_CLAIM_TYPES = ("regulatory", "tradition", "study")
# Claims whose verdict rests on studies: once assessed, each names its studies or a recorded search.
EVIDENCE_CLAIM_TYPES = ("efficacy", "mechanism", "study")
BASIS = ("official_text", "agency_page", "study_record", "secondary_report", "none_found")
REASON_TAGS = (
    "animal_or_cell_as_human",
    "overstates_certainty",
    "misdescribes_study",
    "omits_harms",
    "tradition_as_evidence",
    "no_evidence_found",
    "wrong_population",
    "self_report_as_effect",
    "accurate_but_incomplete",
    "outdated",
)
DESIGNS = (
    "systematic_review",
    "rct",
    "observational",
    "case_report",
    "animal",
    "in_vitro",
    "product_analysis",
    "regulatory",
    "traditional",
)
# Designs shown for context but never counted as evidence that a product works.
NOT_EVIDENCE_OF_EFFICACY = ("traditional",)
POPULATION_KINDS = ("humans", "animals", "cells", "products", "none")
# Only a study with published results counts as evidence for or against a claim; a
# registered, ongoing or finished-but-unreported study is listed, never counted.
STUDY_STATUS = ("published", "completed_without_results", "ongoing", "registered")
VERIFICATION = ("primary_record", "secondary_only")
DIRECTIONS = ("supports", "partly_supports", "contradicts", "no_bearing")
SEVERITY = ("mild", "moderate", "serious", "life_threatening")
UNITS = ("percent", "count", "ratio", "percent_change")
DATA_KINDS = (
    "poison_centre_exposures",
    "survey_respondents",
    "case_series",
    "deaths",
    "clinical_study",
    "product_tests",
    "regulatory_action",
)
LEVELS = ("country", "federal", "state", "local")
LEGAL_STATUS = ("banned", "restricted", "regulated", "unregulated", "unclear")
CONFIDENCE = ("high", "medium", "low")
LEGAL_VERIFICATION = ("primary", "secondary", "unverified")

# Where a topic's worked examples go in the decision rules (claimcheck/texts/verdict_rules.md).
WORKED_EXAMPLE_SECTIONS = ("rule-1", "rule-2", "rule-3", "rule-4", "certainty")

# A quote shorter than this proves nothing: a letter or a word is found in any text.
MIN_QUOTE_CHARS = 15

_QUOTE_FIELDS = (
    Field("article", STRING, "Id of the article the quote comes from.", required=True, ref="articles"),
    Field(
        "text",
        TEXT,
        "The words exactly as they appear in the article (whitespace and curly quotes aside).",
        required=True,
        check=CHECK_QUOTE,
        min_length=MIN_QUOTE_CHARS,
    ),
)

STANCES = ("warns", "downplays")
_MENTION_FIELDS = (
    *_QUOTE_FIELDS,
    Field(
        "stance",
        STRING,
        "warns: the article presents it as a risk (the default); downplays: it mentions the harm only to deny or minimise it.",
        enum=STANCES,
    ),
)

_SIGNAL_FIELDS = (
    Field("kind", STRING, "What sort of commercial signal this is.", required=True, enum=SIGNAL_KINDS),
    Field("quote", TEXT, "The words in the article that show it.", required=True, check=CHECK_QUOTE, min_length=MIN_QUOTE_CHARS),
    Field("note", TEXT, "Why this counts as a commercial signal."),
)


TABLES: tuple[Table, ...] = (
    Table(
        name="dataset",
        file="dataset.yaml",
        title="Dataset",
        description="What the dataset is about: its subject, title and licence, shown in the app frame.",
        fields=(
            Field("id", STRING, "Short id of the dataset.", required=True, check=CHECK_ID),
            Field("title", STRING, "Title shown at the top of every page.", required=True),
            Field("subject", STRING, "The product or substance the claims are about.", required=True),
            Field("summary", TEXT, "Two or three sentences on what the dashboard shows.", required=True),
            Field("licence", STRING, "Licence of the curated data.", required=True),
            Field("last_updated", DATE, "Date of the latest change to the data.", required=True, maximum=TODAY),
            Field("icon", STRING, "The page icon: one emoji, or a Material icon written :material/name:.", check=CHECK_ICON),
            Field("limitations", STRING_LIST, "Known limitations of this dataset, one sentence each."),
            Field("citation", TEXT, "How to cite the dataset."),
            # The topic's own words that the app shows; each has a generic default (claimcheck.dataset).
            Field("notice", TEXT, "The topic's sentence in the not-advice notice on every page and in the handout."),
            Field("search_placeholder", STRING, "Example words shown in the empty claims search box."),
            Field(
                "legal_scopes",
                OBJECT_LIST,
                "What a legal row can cover, in the order shown: each scope's id (used in legality.csv), label and description.",
                item_fields=(
                    Field("id", STRING, "Scope id, as written in legality.csv's scope column.", required=True, check=CHECK_ID),
                    Field("label", STRING, "Display name of the scope.", required=True),
                    Field("description", STRING, "What the scope covers, in a few words (the Methods page lists them)."),
                ),
            ),
            Field(
                "rubric_examples",
                OBJECT_LIST,
                "The shape of an example for each level of the assertiveness rubric (Methods page).",
                item_fields=(
                    Field("level", STRING, "Assertiveness level.", required=True, enum=ASSERTIVENESS),
                    Field("example", STRING, "A short made-up phrase of that level.", required=True),
                ),
            ),
            Field(
                "worked_examples",
                OBJECT_LIST,
                "Worked examples from this topic's claims, shown under each decision rule on the Methods page "
                "(plain text; **bold** is kept).",
                item_fields=(
                    Field("section", STRING, "The rule the example goes under.", required=True, enum=WORKED_EXAMPLE_SECTIONS),
                    Field("text", TEXT, "The example, naming claims by id.", required=True),
                ),
            ),
            Field(
                "classroom_example_claims",
                STRING_LIST,
                "Claim ids the Classroom page uses in its link examples (ids not in claims.yaml are left out).",
            ),
        ),
    ),
    Table(
        name="topics",
        file="topics.csv",
        title="Topics",
        description="The vocabulary of claim topics (what a claim is about).",
        fields=(
            Field("id", STRING, "Topic id.", required=True, check=CHECK_ID),
            Field("label", STRING, "Display name.", required=True),
            Field("description", TEXT, "What belongs under this topic."),
        ),
    ),
    Table(
        name="conditions",
        file="conditions.csv",
        title="Conditions",
        description="The vocabulary of health conditions a claim can be about.",
        fields=(
            Field("id", STRING, "Condition id.", required=True, check=CHECK_ID),
            Field("label", STRING, "Display name.", required=True),
            Field("description", TEXT, "What the condition covers."),
        ),
    ),
    Table(
        name="articles",
        file="articles.yaml",
        title="Articles",
        description="One row per promotional article whose claims are checked.",
        fields=(
            Field("id", STRING, "Article id.", required=True, check=CHECK_ID),
            Field("label", STRING, "Short display name (the project's words).", required=True),
            Field("title", STRING, "Title exactly as written in the article, empty if it has none."),
            Field("file", STRING, "Name of the article's text file in the data folder's articles/.", required=True),
            Field("date", DATE, "Date the text itself states, empty if none.", maximum=TODAY),
            Field("publisher_kind", STRING, "Kind of publisher, as far as the text shows.", required=True, enum=PUBLISHER_KINDS),
            Field("publisher_note", TEXT, "What in the text shows the kind of publisher."),
            Field(
                "commercial_signals",
                OBJECT_LIST,
                "Commercial signals found in the text, each with its quote.",
                item_fields=_SIGNAL_FIELDS,
            ),
            Field("cites_sources", BOOLEAN, "Does the text name or link a specific study or source?"),
            Field("mentions_harms", BOOLEAN, "Does the text mention any harm or side effect?"),
            Field("mentions_uncertainty", BOOLEAN, "Does the text say the evidence is limited or uncertain?"),
            Field("recommends_professional", BOOLEAN, "Does the text advise consulting a health professional?"),
            Field("notes", TEXT, "Anything else a reader should know about the article."),
        ),
    ),
    Table(
        name="claims",
        file="claims.yaml",
        title="Claims",
        description="One row per checkable statement made by one or more articles, with its verdict.",
        fields=(
            Field("id", STRING, "Claim id.", required=True, check=CHECK_ID),
            Field("statement", TEXT, "The claim restated neutrally in the project's words.", required=True),
            Field("claim_type", STRING, "What kind of claim it is.", required=True, enum=CLAIM_TYPES),
            Field("topic", STRING, "Topic id.", required=True, ref="topics"),
            Field("condition", STRING, "Condition id.", required=True, ref="conditions"),
            Field(
                "assertiveness",
                STRING,
                "How strongly the wording asserts it (rubric on the methods page).",
                required=True,
                enum=ASSERTIVENESS,
            ),
            Field("red_flags", STRING_LIST, "Words in the quotes that overstate."),
            Field(
                "quotes",
                OBJECT_LIST,
                "Verbatim quotes, one per article that makes the claim.",
                required=True,
                item_fields=_QUOTE_FIELDS,
                min_items=1,
            ),
            Field(
                "paraphrases",
                STRING_LIST,
                "Other ways an article may word the claim, in the curator's words; used only to match new articles.",
            ),
            Field("verdict", STRING, "How the claim stands against the evidence; empty while not yet assessed.", enum=VERDICTS),
            Field(
                "certainty",
                STRING,
                "GRADE-style certainty of the human evidence, for health claims (efficacy, safety, mechanism, dosage) only; "
                "required once such a claim has a verdict, and left empty for regulatory, tradition and study claims.",
                enum=CERTAINTY,
            ),
            Field(
                "basis",
                STRING,
                "What a regulatory, tradition or study claim rests on (official text, an agency's own page, the study's own "
                "record, a secondary report, or nothing found); required once such a claim has a verdict, empty for health claims.",
                enum=BASIS,
            ),
            Field("reasons", ENUM_LIST, "Reason tags behind the verdict.", enum=REASON_TAGS),
            Field("rationale", TEXT, "Why the verdict, in plain words."),
            Field("searched", TEXT, "Where no evidence was found: what was searched, where and when."),
            Field("would_change", TEXT, "What evidence would change the verdict."),
            Field("harms", STRING_LIST, "Ids of harms that bear on a safety claim.", ref="harms"),
            Field(
                "last_checked",
                DATE,
                f"When the verdict was last reviewed; overdue after {MAX_AGE_DAYS['claims']} days (python -m claimcheck stale).",
                maximum=TODAY,
            ),
        ),
    ),
    Table(
        name="studies",
        file="studies.yaml",
        title="Studies and sources",
        description="One row per study or official document used as evidence.",
        fields=(
            Field("id", STRING, "Study id (first author and year).", required=True, check=CHECK_ID),
            Field("authors", STRING, "Authors as listed on the record.", required=True),
            Field("year", INTEGER, "Year of publication.", required=True, minimum=1800, maximum=TODAY),
            Field("title", TEXT, "Title as on the record.", required=True),
            Field("venue", STRING, "Journal, publisher or agency."),
            Field("pmid", STRING, "PubMed id, only if seen."),
            Field("pmcid", STRING, "PubMed Central id, only if seen."),
            Field("doi", STRING, "DOI, only if seen."),
            Field("nct", STRING, "ClinicalTrials.gov id, only if seen."),
            Field("urls", URL_LIST, "Pages where the record was seen.", required=True, min_items=1),
            Field("design", STRING, "Rung on the study-design ladder.", required=True, enum=DESIGNS),
            Field(
                "status",
                STRING,
                "published: results are public (paper, report, agency page); completed_without_results, ongoing or "
                "registered: listed for context, never counted as evidence (links to it must be no_bearing).",
                required=True,
                enum=STUDY_STATUS,
            ),
            Field("population_kind", STRING, "Who or what was studied.", required=True, enum=POPULATION_KINDS),
            Field("n", INTEGER, "Number of humans studied, when humans were studied and the number was seen.", minimum=1),
            Field("population", TEXT, "The population in words (who, where, how many)."),
            Field("finding", TEXT, "Key finding in the project's own words, with its numbers.", required=True),
            Field("funding", TEXT, "Funding or conflicts of interest, where known."),
            Field("verification", STRING, "Seen on the primary record, or only on a secondary page.", required=True, enum=VERIFICATION),
            Field("verification_note", TEXT, "What was and was not seen."),
            Field(
                "last_checked",
                DATE,
                f"When the record was last checked; overdue after {MAX_AGE_DAYS['studies']} days (python -m claimcheck stale).",
                required=True,
                maximum=TODAY,
            ),
        ),
    ),
    Table(
        name="claim_studies",
        file="claim_studies.csv",
        title="Claim-study links",
        description="Which studies bear on which claim, and in what direction.",
        primary_key=("claim_id", "study_id"),
        fields=(
            Field("claim_id", STRING, "Claim id.", required=True, ref="claims"),
            Field("study_id", STRING, "Study id.", required=True, ref="studies"),
            Field("direction", STRING, "Does the study support the claim?", required=True, enum=DIRECTIONS),
            Field("note", TEXT, "One line on how the study bears on the claim.", required=True),
        ),
    ),
    Table(
        name="harms",
        file="harms.yaml",
        title="Adverse effects",
        description="One row per harm, with the articles that mention it.",
        fields=(
            Field("id", STRING, "Harm id.", required=True, check=CHECK_ID),
            Field("name", STRING, "Name of the harm.", required=True),
            Field("body_system", STRING, "Body system affected.", required=True),
            Field("severity", STRING, "Severity class (an editorial judgement).", required=True, enum=SEVERITY),
            Field("severity_note", TEXT, "Why this severity class."),
            Field(
                "summary_row",
                BOOLEAN,
                "True for a row that gathers figures about all effects (for example all poison-centre exposures) rather than one harm.",
            ),
            Field("description", TEXT, "What the harm is, in plain words."),
            Field("mentions", OBJECT_LIST, "Quotes from articles that mention the harm, with their stance.", item_fields=_MENTION_FIELDS),
            Field("last_checked", DATE, "When the row was last reviewed.", required=True, maximum=TODAY),
        ),
    ),
    Table(
        name="harm_figures",
        file="harm_figures.csv",
        title="Adverse-effect figures",
        description="Frequency figures for harms, each with its denominator and kind of data.",
        rules=(
            Rule("value", when=("unit", ("percent",)), minimum=0, maximum=100),
            Rule("value", when=("unit", ("count",)), minimum=0, whole=True),
            Rule("value", when=("unit", ("ratio",)), minimum=0),
            Rule("value", when=("unit", ("percent_change",)), minimum=-100),
            Rule("numerator", at_most="denominator"),
        ),
        fields=(
            Field("id", STRING, "Figure id.", required=True, check=CHECK_ID),
            Field("harm_id", STRING, "Harm id.", required=True, ref="harms"),
            Field("value", NUMBER, "The figure.", required=True),
            Field("unit", STRING, "Percent, count, ratio or percent change.", required=True, enum=UNITS),
            Field("numerator", INTEGER, "Count behind a percentage, when known.", minimum=0),
            Field("denominator", INTEGER, "Size of the group the figure is taken from, when known.", minimum=1),
            Field("denominator_label", TEXT, "What the denominator counts.", required=True),
            Field("data_kind", STRING, "Kind of data the figure is.", required=True, enum=DATA_KINDS),
            Field("period", STRING, "Period the figure covers.", required=True),
            Field("place", STRING, "Place the figure covers.", required=True),
            Field("source_label", STRING, "Short citation of the source.", required=True),
            Field("source_url", URL, "Page where the figure was seen.", required=True),
            Field("verification", STRING, "Seen on the primary record, or only on a secondary page.", required=True, enum=VERIFICATION),
            Field("note", TEXT, "Caveats a reader needs."),
            Field(
                "last_checked",
                DATE,
                f"When the source was last read; overdue after {MAX_AGE_DAYS['harm_figures']} days (python -m claimcheck stale).",
                required=True,
                maximum=TODAY,
            ),
        ),
    ),
    Table(
        name="legality",
        file="legality.csv",
        title="Legal status",
        description="One row per jurisdiction, scope and period: the legal status with its source.",
        periods=("start", "end", ("code", "scope")),
        fields=(
            Field("id", STRING, "Row id.", required=True, check=CHECK_ID),
            Field(
                "code",
                STRING,
                "ISO 3166-1 alpha-3 for countries and federal, US postal code for states and DC, US-XX:place-slug for local rules.",
                required=True,
                check=CHECK_JURISDICTION,
            ),
            Field("name", STRING, "Jurisdiction name.", required=True),
            Field("level", STRING, "Country, federal, state or local.", required=True, enum=LEVELS),
            Field(
                "scope",
                STRING,
                "Which products the rule covers: one of the scope ids declared in dataset.yaml (legal_scopes).",
                required=True,
                check=CHECK_ID,
            ),
            Field("status", STRING, "Status on the legal scale (methods page).", required=True, enum=LEGAL_STATUS),
            Field("start", PARTIAL_DATE, "When the status began (YYYY, YYYY-MM or YYYY-MM-DD)."),
            Field("end", PARTIAL_DATE, "When a later rule replaced it; empty while in force."),
            Field("instrument", TEXT, "The law, rule or notice."),
            Field("source_urls", URL_LIST, "Pages where the status was seen."),
            Field(
                "last_checked",
                DATE,
                f"When the source was last read; a row in force is overdue after {MAX_AGE_DAYS['legality']} days (python -m claimcheck stale).",
                required=True,
                maximum=TODAY,
            ),
            Field(
                "confidence",
                STRING,
                "How sure the status is, by rule (checked by the validator): high = official text seen (verification primary) "
                "and no disagreement; medium = official text seen with a disagreement, or two or more secondary sites agreeing; "
                "low = one secondary site, secondary sources that disagree, unverified, or status unclear.",
                required=True,
                enum=CONFIDENCE,
            ),
            Field("verification", STRING, "Official text seen, secondary page, or unverified.", required=True, enum=LEGAL_VERIFICATION),
            Field("note", TEXT, "What the rule covers, in plain words."),
            Field("disagreement", TEXT, "Where sources disagree, what each says."),
        ),
    ),
    Table(
        name="glossary",
        file="glossary.csv",
        title="Glossary",
        description="Terms a reader meets on the dashboard, explained in plain words.",
        required_file=False,
        may_be_empty=True,
        primary_key=("term",),
        fields=(
            Field("term", STRING, "The term.", required=True),
            Field("definition", TEXT, "What it means, in plain words.", required=True),
        ),
    ),
    Table(
        name="timeline",
        file="timeline.csv",
        title="Legal timeline",
        description="Dated legal and regulatory events, for the timeline chart.",
        required_file=False,
        may_be_empty=True,
        fields=(
            Field("id", STRING, "Event id.", required=True, check=CHECK_ID),
            Field("date", PARTIAL_DATE, "When it happened.", required=True),
            Field("jurisdiction", STRING, "Where (a jurisdiction code).", required=True, check=CHECK_JURISDICTION),
            Field("event", TEXT, "What happened.", required=True),
            Field("source_urls", URL_LIST, "Pages where it was seen.", required=True, min_items=1),
            Field("last_checked", DATE, "When the source was last read.", required=True, maximum=TODAY),
        ),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """The declared table called ``name``."""
    return TABLES_BY_NAME[name]
