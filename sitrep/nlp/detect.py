"""Stage ``detect.v1``: event mentions per sentence, by the language pack of each sentence.

The document's language is identified (:func:`sitrep.nlp.lang.identify`: script and stop words,
no model). A document in a language without a pack (:mod:`sitrep.lang`), mojibake or Arabizi gets
no candidates and notes with the reason. Otherwise every sentence goes to the detector of its
language's pack (:meth:`sitrep.lang.LanguagePack.make_detector`; English:
:mod:`sitrep.lang.en.detect`, Arabic: :mod:`sitrep.nlp.detect_ar`): a document that holds only the
default pack's language (:data:`sitrep.lang.DEFAULT_LANGUAGE`) goes to it whole; one that holds
another pack's paragraphs is routed paragraph by paragraph, and paragraphs in languages without a
pack are skipped with a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Settings
from ..lang import DEFAULT_LANGUAGE, DetectorSetup, SentenceDetector, get_pack, supported_languages
from ..lang.en.detect import load_event_classifier
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, Sentence
from .classify import EventClassifier
from .lang import identify

__all__ = ["Detector", "DetectorOptions", "load_event_classifier", "make_detector"]


@dataclass(frozen=True)
class DetectorOptions:
    """Options from ``settings.stage_options["detect.v1"]``.

    - ``parser``: let spaCy settle ambiguous modality (default True; skipped if no model).
    - ``min_score``: candidates below this confidence are dropped.
    """

    parser: bool = True
    min_score: float = 0.0


class Detector:
    """Fills ``doc.candidates``; see the module docstring.

    ``classifier``: the default pack's (English) event classifier; the other packs load theirs on
    their first sentence. ``resources``: shared models (None: each pack loads its own once).
    """

    def __init__(self, classifier: EventClassifier, *, resources: Resources | None = None,
                 options: DetectorOptions | None = None) -> None:
        self.classifier = classifier
        self.resources = resources
        self.options = options or DetectorOptions()
        self._detectors: dict[str, SentenceDetector] = {}

    def detector(self, code: str) -> SentenceDetector:
        """The detector of the pack of ``code``, built on first use."""
        if code not in self._detectors:
            pack = get_pack(code)
            if pack is None:
                raise KeyError(f"language {code!r} has no pack")
            self._detectors[code] = pack.make_detector(DetectorSetup(
                resources=self.resources, parser=self.options.parser, min_score=self.options.min_score,
                classifier=self.classifier if code == DEFAULT_LANGUAGE else None))
        return self._detectors[code]

    def __call__(self, doc: Doc) -> Doc:
        report = identify(doc.text, given=doc.document.language)
        doc.language = report.language
        if report.reason is not None:
            doc.notes.append(report.reason)
            if report.no_pack is not None:
                doc.notes.append(report.no_pack)
            return doc
        others = [code for code in supported_languages() if code != DEFAULT_LANGUAGE
                  and (code == report.language or code in report.languages)]
        if not others:
            return self.detector(DEFAULT_LANGUAGE)(doc, doc.sentences)
        return self._routed(doc, report.paragraphs, others, default=report.language)

    def _routed(self, doc: Doc, paragraphs: tuple[tuple[int, int, str], ...], others: list[str], *,
                default: str) -> Doc:
        """Each sentence to the pack of its paragraph's language (``default`` outside paragraphs)."""
        def lang_at(pos: int) -> str:
            return next((lang for s, e, lang in paragraphs if s <= pos < e), default)
        langs = [lang_at(s.start) for s in doc.sentences]
        supported = supported_languages()
        by_pack: dict[str, list[Sentence]] = {code: [] for code in (*others, DEFAULT_LANGUAGE)}
        for sent, lang in zip(doc.sentences, langs, strict=True):
            if lang in by_pack:
                by_pack[lang].append(sent)
        if any(lang not in supported for lang in langs):
            doc.notes.append("mixed text: paragraphs in unsupported languages were skipped")
        for code in others:
            n = len(by_pack[code])
            if n != len(doc.sentences):
                doc.notes.append(f"mixed text: {n} {_pack_name(code)} and {len(doc.sentences) - n} other sentences")
        for code in others:
            self.detector(code)(doc, by_pack[code])
        default_sentences: Sequence[Sentence] = by_pack[DEFAULT_LANGUAGE]
        if default_sentences:
            self.detector(DEFAULT_LANGUAGE)(doc, default_sentences)
        if default_sentences or sum(bool(by_pack[code]) for code in others) > 1:
            doc.candidates.sort(key=lambda c: c.trigger.start)
        return doc


def _pack_name(code: str) -> str:
    pack = get_pack(code)
    return pack.name if pack is not None else code


@stage("detect.v1")
def make_detector(settings: Settings, resources: Resources) -> Detector:
    raw = settings.stage_options.get("detect.v1", {})
    options = DetectorOptions(parser=bool(raw.get("parser", True)),
                              min_score=float(str(raw.get("min_score", 0.0))))
    return Detector(resources.get("event_classifier", load_event_classifier),
                    resources=resources, options=options)
