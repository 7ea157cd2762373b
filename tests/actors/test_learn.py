from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.actors.kb import load_kb
from sitrep.actors.learn import harvest, learned_layer
from sitrep.actors.stage import ActorResolver, load_matcher
from sitrep.config import Settings
from sitrep.errors import ConfigError
from sitrep.nlp.segment import segment_text
from sitrep.schema import Doc, Document, EventCandidate, Span

ROWS = [
    {"country": "Freedonia", "sub_event_type": "Armed clash", "actor1": "GRF: Green River Front", "inter1": "2",
     "assoc_actor_1": "Blue Hill Militia", "actor2": "Military Forces of Freedonia (2011-)", "inter2": "1",
     "assoc_actor_2": ""},
] * 3 + [
    {"country": "Freedonia", "sub_event_type": "Attack", "actor1": "Unidentified Armed Group (Freedonia)",
     "inter1": "3", "assoc_actor_1": "", "actor2": "Civilians (Freedonia)", "inter2": "7", "assoc_actor_2": ""},
]


def test_learn_layer_keeps_names_inter_and_aliases() -> None:
    layer = learned_layer(ROWS)
    actors = {a["name"]: a for a in layer["actors"]}  # type: ignore[index,union-attr]
    assert actors["GRF: Green River Front"]["inter"] == 2
    assert set(actors["GRF: Green River Front"]["aliases"]) == {"GRF", "Green River Front"}
    assert "Civilians (Freedonia)" not in actors
    assert layer["defaults"] == {"Freedonia": {"Armed clash": ["GRF: Green River Front",  # type: ignore[comparison-overlap]
                                                               "Military Forces of Freedonia (2011-)"]}}


def test_learn_harvest_feeds_model_dir(tmp_path: Path) -> None:
    summary = harvest(ROWS, tmp_path)
    assert (tmp_path / "actors.yaml").is_file() and summary["actors"] == 3
    resolver = ActorResolver(matcher=load_matcher(Settings(model_dir=tmp_path)))
    text = "Fighters of the Green River Front ambushed a patrol."
    doc = Doc(document=Document(id="t", text=text, date=date(2020, 5, 1)), sentences=segment_text(text),
              country_hint="Freedonia")
    doc.candidates = [EventCandidate(sentence_index=0, trigger=Span(start=0, end=1, text="x"),
                                     event_type="Battles", sub_event_type="Armed clash")]
    cand = resolver(doc).candidates[0]
    assert cand.actor1 is not None and (cand.actor1.name, cand.actor1.inter) == ("GRF: Green River Front", 2)
    assert cand.actor2 is not None and cand.actor2.name == "Military Forces of Freedonia (2011-)"


@pytest.mark.parametrize(("header", "row", "ok"), [
    ("name,inter,country,aliases", "Crimson Front,3,Syria,the Crimsons;CF", True),
    ("actor1,inter1,actor2,inter2,country", "Crimson Front,3,,0,Syria", True),
    ("who,what", "x,y", False),
])
def test_learn_csv_actor_files(tmp_path: Path, header: str, row: str, ok: bool) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    if ok:
        assert "Crimson Front" in load_kb(extra=[path]).named()
    else:
        with pytest.raises(ConfigError, match="actors.csv:1"):
            load_kb(extra=[path])
