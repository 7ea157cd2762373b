from __future__ import annotations

import csv
import json
import sys
import types
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.errors import ConfigError, InputError
from sitrep.learn.train import train
from sitrep.nlp.detect import make_detector
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document

ROWS = [
    ("Armed clash", "Militiamen of the Blue Front fought police officers at the Ostra crossing."),
    ("Armed clash", "Blue Front fighters and soldiers exchanged gunfire near Ostra for an hour."),
    ("Armed clash", "Soldiers clashed with Blue Front militiamen in the hills east of Ostra."),
    ("Mob violence", "Villagers beat two men they accused of stealing goats in Pell."),
    ("Mob violence", "A crowd in Pell attacked a trader accused of cheating, injuring him."),
    ("Mob violence", "Residents of Pell set upon a suspected thief and beat him badly."),
    ("Peaceful protest", "Nurses of Ostra hospital gathered peacefully to demand pay."),
    ("Peaceful protest", "Farmers protested in Pell market against the new seed tax."),
    ("Peaceful protest", "Students held a quiet sit-in at Ostra college over fees."),
]


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_type", "sub_event_type", "actor1", "inter1", "notes"])
        for i, (sub, note) in enumerate(ROWS):
            w.writerow([f"XL{i}", "", sub, "Blue Front", "2", note])
    return path


def test_train_writes_a_loadable_model_dir(tmp_path: Path) -> None:
    steps: list[str] = []
    report = train([_csv(tmp_path)], tmp_path / "model", progress=lambda s, _d, _t: steps.append(s))
    manifest = json.loads((tmp_path / "model" / "model.json").read_text())
    assert manifest["rows_used"] == report.rows_used == len(ROWS)
    assert (tmp_path / "model" / manifest["classifier"]).is_file()
    assert report.class_counts["Armed clash"] == 3
    assert {"reading", "fitting"} <= set(steps)
    settings = Settings(model_dir=tmp_path / "model", stage_options={"detect.v1": {"parser": False}})
    det = make_detector(settings, Resources(settings))
    text = "On Monday Blue Front fighters clashed with soldiers at the Ostra crossing."
    doc = Doc(document=Document(id="x", text=text))
    doc.sentences = segment_text(text)
    assert [c.sub_event_type for c in det(doc).candidates][:1] == ["Armed clash"]


def test_train_calls_the_harvesters_when_present(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, int] = {}

    def harvest(rows: list[dict[str, str]], out_dir: Path) -> dict[str, int]:
        seen["rows"] = len(rows)
        (out_dir / "fake.json").write_text("{}")
        return {"n": len(rows)}

    fake = types.ModuleType("sitrep.geo.learn")
    fake.harvest = harvest  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.geo.learn", fake)
    report = train([_csv(tmp_path)], tmp_path / "m")
    assert seen["rows"] == len(ROWS)
    assert report.harvested["sitrep.geo.learn"] == {"n": len(ROWS)}
    assert (tmp_path / "m" / "fake.json").is_file()


def test_train_without_sub_event_types_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text("EVENT_TYPE,NOTES\nRiots/Protests,People marched.\n", encoding="utf-8")
    with pytest.raises(InputError):
        train([path], tmp_path / "m")


def test_train_model_dir_without_manifest_is_a_config_error(tmp_path: Path) -> None:
    settings = Settings(model_dir=tmp_path)
    with pytest.raises(ConfigError):
        make_detector(settings, Resources(settings))


def test_train_cli_writes_model_and_reports_errors_cleanly(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.cli.app import _load_commands, app

    _load_commands()
    ok = CliRunner().invoke(app, ["train", str(_csv(tmp_path)), "-o", str(tmp_path / "cli-model")])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "cli-model" / "model.json").is_file()
    bad = CliRunner().invoke(app, ["train", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "x")])
    assert bad.exit_code == 1
    assert "E210" in bad.output and "Traceback" not in bad.output


def test_train_rules_are_learned_features(tmp_path: Path) -> None:
    """With rules on, the pipeline sees the look-alike rules as pseudo-words and learns weights
    for them; with rules off it does not."""
    from sitrep.nlp.classify import load_trained_model

    for rules in (True, False):
        out = tmp_path / f"model-{rules}"
        train([_csv(tmp_path)], out, rules=rules)
        assert json.loads((out / "model.json").read_text())["rules"] is rules
        vocab = load_trained_model(out).pipeline[0].vocabulary_
        assert ("xmobact" in vocab) is rules
