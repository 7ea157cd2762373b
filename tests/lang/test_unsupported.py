"""Bad input: a report in a language with no pack is reported as unsupported, never coded
(team-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.config import Settings
from sitrep.geo.gazetteer import MemoryGazetteer
from sitrep.pipeline import Pipeline
from sitrep.resources import Resources
from sitrep.schema import Document


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    settings = Settings(stage_options={"detect.v1": {"parser": False}, "fatalities.v1": {"parser": "off"}})
    resources = Resources(settings)
    resources.put("geo.gazetteer", MemoryGazetteer([]))
    return Pipeline(settings, resources=resources)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Des avions ont bombardé le marché de la ville lundi et ont tué quatre civils, selon les secouristes.", "fr"),
        ("Самолёты нанесли удар по рынку города в понедельник, погибли четыре мирных жителя.", "ru"),
        ("星期一，飞机轰炸了城市的市场，造成四名平民死亡。", "zh"),
        ("Los aviones bombardearon el mercado de la ciudad el lunes y mataron a cuatro civiles.", "es"),
        ("هواپیماهای جنگی بازار شهر را بمباران کردند و چهار نفر کشته شدند", "fa"),
    ],
)
def test_lang_unsupported_language_ends_as_no_event_with_the_reason(pipe: Pipeline, text: str, lang: str) -> None:
    doc = pipe(Document(id="t", text=text, date=date(2021, 3, 1)))
    assert doc.language == lang
    assert doc.candidates == [] and doc.events == []
    assert f"unsupported language: {lang}" in doc.notes  # what the engine counts and summarises
    assert f"language {lang} has no pack (supported: en, ar)" in doc.notes


def test_lang_unsupported_given_language_wins(pipe: Pipeline) -> None:
    doc = pipe(Document(id="t", text="Warplanes bombed the market, killing four.", language="de",
                        date=date(2021, 3, 1)))
    assert doc.events == [] and "language de has no pack (supported: en, ar)" in doc.notes


def test_lang_mojibake_keeps_its_own_reason(pipe: Pipeline) -> None:
    text = "Ø§Ù„Ø·ÙŠØ±Ø§Ù† Ù‚ØµÙ Ø§Ù„Ø³ÙˆÙ‚ " * 5
    doc = pipe(Document(id="t", text=text, date=date(2021, 3, 1)))
    assert doc.events == [] and any(n.startswith("mojibake") for n in doc.notes)
    assert not any("has no pack" in n for n in doc.notes)


def test_unsupported_language_is_the_run_summary_reason() -> None:
    """The reconciliation counts a French report as 'language fr has no pack', not as garbage."""
    from sitrep.engine.outcomes import no_event_reason
    from sitrep.pipeline import Pipeline
    from sitrep.schema import Document

    text = ("Des frappes aériennes ont touché la ville hier soir et plusieurs civils ont été tués, "
            "selon les secouristes qui sont arrivés sur place dans la nuit.")
    doc = Pipeline()(Document(id="fr1", text=text))
    assert doc.events == []
    assert no_event_reason(doc) == "language fr has no pack (supported: en, ar)"
