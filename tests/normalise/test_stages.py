"""The three stages as the pipeline builds them: by name, from settings, no model loaded early."""

from __future__ import annotations

import pytest

from sitrep.config import Settings
from sitrep.registry import get_stage_factory
from sitrep.resources import Resources

from .conftest import DocFactory


@pytest.mark.parametrize("name", ["dates.v1", "fatalities.v1", "framing.v1"])
def test_stages_build_without_loading_models(name: str) -> None:
    resources = Resources(Settings())
    stage = get_stage_factory(name)(resources.settings, resources)
    assert callable(stage)
    assert "spacy" not in resources.loaded()


def test_stages_run_in_order(make_doc: DocFactory) -> None:
    settings = Settings(stage_options={"fatalities.v1": {"parser": "off"}})
    resources = Resources(settings)
    doc = make_doc("The regime shelled the market on Thursday, killing 4 civilians.", trigger="shelled")
    for name in ("dates.v1", "fatalities.v1", "framing.v1"):
        doc = get_stage_factory(name)(settings, resources)(doc)
    cand = doc.candidates[0]
    assert cand.date is not None and cand.fatalities == 4 and cand.deaths_civilians == 4
    assert {e.field for e in cand.evidence} == {"event_date", "fatalities"}
    assert [f.term for f in doc.framing] == ["regime"]
    assert "spacy" not in resources.loaded()
