"""Typed records that flow through the pipeline.

Data flow (one ``Doc`` per report, each stage ``Doc -> Doc``)::

    Document --segment--> Sentence[] --detect--> EventCandidate[]
      --dates/fatalities/claims/framing--> arguments on candidates
      --geo--> PlaceMention[] + candidate.place
      --actors--> ActorMention[] + candidate actors
      --assemble--> Event[] (ACLED unit of analysis) --dedup--> Event[]

Field names of :class:`Event` are fixed by ``docs/contract.md``: extend, never rename.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ACLED_COLUMNS",
    "UCDP_COLUMNS",
    "Actor",
    "ActorMention",
    "Claim",
    "DateInfo",
    "Doc",
    "Document",
    "Event",
    "EventCandidate",
    "Evidence",
    "FramingFlag",
    "Mention",
    "Place",
    "PlaceMention",
    "QuarantineItem",
    "Sentence",
    "Span",
]

#: The 31 ACLED export columns, in the order of the contract.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

#: UCDP-style additions of the contract.
UCDP_COLUMNS: tuple[str, ...] = (
    "type_of_violence", "fatalities_low", "fatalities_best", "fatalities_high",
    "deaths_civilians", "where_prec", "date_prec", "date_start", "date_end",
)  # fmt: skip


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Document(_Model):
    """One input report."""

    id: str
    text: str
    date: Date | None = None  # publication date
    source: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None
    country: str | None = None
    origin: str | None = None  # file (and line) the document came from


class QuarantineItem(_Model):
    """An input that could not be read: never silently dropped."""

    origin: str  # file path or "-" for stdin
    line: int | None = None
    reason: str
    raw: str | None = None  # first bytes of the offending input, for review


class Span(_Model):
    start: int
    end: int
    text: str


class Sentence(_Model):
    index: int
    start: int  # character offsets into Document.text
    end: int
    text: str


class Evidence(_Model):
    doc_id: str
    field: str
    start: int
    end: int
    text: str


class Claim(_Model):
    """A figure as somebody claimed it, with who said it (outermost first)."""

    quantity: str  # "killed" | "wounded" | "captured" | "missing" | ...
    what: str | None = None  # who/what was counted: "regime elements", "civilians"
    low: int | None = None
    high: int | None = None
    claimant_chain: list[str] = Field(default_factory=list)
    sentence: str = ""
    doc_id: str | None = None
    start: int | None = None  # span of the figure in the document
    end: int | None = None
    civilian: bool = False
    status: str | None = None  # why a figure counts for no event: "aggregate", "unattached", ...


class FramingFlag(_Model):
    term: str
    normalised: str
    kind: str = "partisan"
    start: int | None = None
    end: int | None = None


class DateInfo(_Model):
    event_date: Date
    time_precision: int = 1  # ACLED 1-3
    date_prec: int = 1  # UCDP 1-5
    date_start: Date | None = None
    date_end: Date | None = None
    expression: str | None = None
    start: int | None = None
    end: int | None = None


class Place(_Model):
    """A gazetteer entry."""

    name: str
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    iso: int | None = None  # ISO 3166 numeric, as ACLED
    iso3: str | None = None
    region: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    kind: str | None = None  # country | admin1 | admin2 | city | town | village | neighbourhood ...
    source: str | None = None  # gazetteer name
    place_id: str | None = None


class PlaceMention(_Model):
    span: Span
    sentence_index: int
    place: Place | None = None  # None when unresolved
    geo_precision: int = 1
    where_prec: int = 1
    score: float = 1.0
    role: str | None = None  # "event" | "source" (e.g. hospital) | "background" | "residence" ...
    # a name the gazetteer does not know, placed at ``place`` (a city, district or province
    # named with it): the event keeps this name as its ``location``
    fallback_from: str | None = None


class Actor(_Model):
    name: str  # neutral ACLED-style name
    inter: int  # 1-8
    assoc: list[str] = Field(default_factory=list)
    country: str | None = None
    review: bool = False  # unknown group kept verbatim


class ActorMention(_Model):
    span: Span
    sentence_index: int
    actor: Actor
    partisan: bool = False


class Mention(_Model):
    """A trigger word/phrase that may signal an event."""

    span: Span
    sentence_index: int
    label: str  # sub_event_type or "none"
    score: float = 1.0


class EventCandidate(_Model):
    """One event mention in one sentence, annotated stage by stage."""

    sentence_index: int
    trigger: Span
    event_type: str
    sub_event_type: str
    score: float = 1.0
    negated: bool = False
    hypothetical: bool = False
    background: bool = False
    date: DateInfo | None = None
    place: PlaceMention | None = None
    actors: list[ActorMention] = Field(default_factory=list)
    actor1: Actor | None = None
    actor2: Actor | None = None
    claims: list[Claim] = Field(default_factory=list)
    fatalities: int | None = None  # ACLED figure for this mention
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    deaths_civilians: int | None = None
    civilian_targeting: bool = False
    evidence: list[Evidence] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)

    def toll_starts(self) -> set[int]:
        """Where in the text the figures of the mention's toll start (its ``fatalities`` evidence)."""
        return {e.start for e in self.evidence if e.field == "fatalities"}

    def toll_claims(self) -> list[Claim]:
        """The killed-claims the mention's toll was read from (the figures its ``fatalities``
        evidence points at), each with its claimant chain."""
        used = self.toll_starts()
        return [c for c in self.claims if c.start in used and c.quantity == "killed"]


class Event(BaseModel):
    """One coded event: every field of the contract."""

    model_config = ConfigDict(extra="forbid")

    # ACLED columns
    event_id_cnty: str | None = None
    event_date: Date | None = None
    year: int | None = None
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: str | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int | None = None
    tags: str | None = None
    timestamp: int | None = None
    # UCDP-style
    type_of_violence: int | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    deaths_civilians: int | None = None
    where_prec: int | None = None
    date_prec: int | None = None
    date_start: Date | None = None
    date_end: Date | None = None
    # provenance
    doc_id: str | None = None
    doc_ids: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    framing: list[FramingFlag] = Field(default_factory=list)
    confidence: float | None = None
    why: list[str] = Field(default_factory=list)  # the rules and evidence that decided this event
    # geocoding: when ``location`` is a name the gazetteer does not know, the gazetteer place it
    # was put at (coordinates, admin names and geo_precision are that place's); None otherwise
    geo_fallback: str | None = None

    def acled_row(self) -> dict[str, Any]:
        """The 31 ACLED columns, in order."""
        data = self.model_dump(mode="json")
        return {c: data[c] for c in ACLED_COLUMNS}


class Doc(BaseModel):
    """The working record one report carries through the stages."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    document: Document
    language: str = "en"
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    candidates: list[EventCandidate] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    actors: list[ActorMention] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    framing: list[FramingFlag] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # why the stages decided what they did
    country_hint: str | None = None
    inferred_country: str | None = None  # the document's country as geo.v1 read it (ACLED name)
    spacy_doc: Any = None  # parsed sentences when a stage needed the parser
    #: the text as the stages read it: the document's, with the line breaks that only wrap a
    #: long line read as spaces (same length: offsets point into the stored text); None = as stored
    reading: str | None = None

    @property
    def text(self) -> str:
        return self.document.text if self.reading is None else self.reading

    @property
    def pub_date(self) -> Date | None:
        return self.document.date

