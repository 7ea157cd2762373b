"""Targets of issue 5 on the seed report (read by path; skipped when ../shared is absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.normalise.dates import DateResolver
from sitrep.normalise.fatalities import FatalityExtractor
from sitrep.normalise.framing import FramingTagger
from sitrep.schema import Doc

from .conftest import build_doc

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "eldorar-2016-11-04-aleppo.txt"
TRIGGERS = ("assault", "car bombs that targeted", "received on Thursday", "were killed", "seize control of Dahyat")


def _seed(extractor: FatalityExtractor) -> Doc:
    if not SEED.exists():
        pytest.skip("seed report absent")
    doc = build_doc(SEED.read_text(encoding="utf-8"), pub=date(2016, 11, 4), source="ElDorar AlShamia",
                    triggers=TRIGGERS)
    return FramingTagger()(extractor(DateResolver()(doc)))


def _by_trigger(doc: Doc) -> dict[str, object]:
    return {c.trigger.text: c for c in doc.candidates}


def _check(doc: Doc) -> None:
    cands = _by_trigger(doc)
    assault = cands["assault"]
    assert assault.date is not None and assault.date.event_date == date(2016, 11, 3)  # type: ignore[attr-defined]
    bodies = next(c for c in doc.claims if c.low == 57)
    assert bodies.quantity == "killed"
    chain = [h.lower() for h in bodies.claimant_chain]
    assert chain[0] == "eldorar alshamia" and "sha'hed ayan" in chain[1] and "mogambo" in chain[2]
    assert len(chain) == 3
    wounded = next(c for c in doc.claims if c.low == 160)
    assert wounded.quantity == "wounded"
    civ = cands["were killed"]
    assert civ.fatalities == 5 and civ.deaths_civilians == 5  # type: ignore[attr-defined]
    bombs = cands["car bombs that targeted"]
    assert bombs.fatalities == 12  # type: ignore[attr-defined]
    hospital = cands["received on Thursday"]
    assert hospital.fatalities == 57  # type: ignore[attr-defined]
    seize = cands["seize control of Dahyat"]
    assert seize.date is not None and seize.date.time_precision == 2  # type: ignore[attr-defined]
    assert {"regime", "Resistance", "occupied", "militias"} <= {f.term for f in doc.framing}


def test_seed_targets_regex_chains() -> None:
    _check(_seed(FatalityExtractor()))


@pytest.mark.slow
def test_seed_targets_with_parser() -> None:
    from sitrep.config import Settings
    from sitrep.nlp.spacy_loader import load_spacy

    try:
        nlp = load_spacy(Settings())
    except Exception as exc:  # noqa: BLE001 - no model installed: nothing to test
        pytest.skip(f"spaCy model unavailable: {exc}")
    _check(_seed(FatalityExtractor(parser=nlp)))
