from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.learn.evaluate import evaluate, haversine_km

GOLD = [
    {"event_id_cnty": "D1", "event_type": "Battles", "sub_event_type": "Armed clash",
     "actor1": "Rebels (X)", "actor2": "Military Forces of X", "latitude": "10.0", "longitude": "20.0",
     "location": "Ostra", "fatalities": "3", "event_date": "09-May-20"},
    {"event_id_cnty": "D2", "event_type": "Protests", "sub_event_type": "Peaceful protest",
     "actor1": "Protesters (X)", "actor2": "", "latitude": "11.0", "longitude": "21.0",
     "location": "Pell", "fatalities": "0", "event_date": "2020-05-08"},
]


def _pred(doc: str, **fields: str) -> dict[str, str]:
    return {"doc_id": doc, **fields}


def test_evaluate_haversine_is_about_111_km_per_degree() -> None:
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.5)


def test_evaluate_perfect_predictions_score_one() -> None:
    preds = [_pred("D1", event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of X",
                   actor2="Rebels (X)", latitude="10.01", longitude="20.0", fatalities="3",
                   event_date="2020-05-09"),
             _pred("D2", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (X)",
                   latitude="11.0", longitude="21.0", fatalities="0", event_date="2020-05-08")]
    rep = evaluate(preds, GOLD)
    assert rep.f1 == 1.0 and rep.event_type_accuracy == 1.0
    assert rep.sub_event_type.macro_f1 == 1.0
    assert rep.fields["location within 5 km"] == (2, 2)
    assert rep.fields["actor set exact"] == (2, 2)
    assert rep.fields["date exact"] == (2, 2)
    assert rep.fields["fatalities exact"] == (2, 2)


def test_evaluate_wrong_type_far_away_does_not_match_and_extras_cost_precision() -> None:
    preds = [_pred("D1", event_type="Riots", sub_event_type="Mob violence", latitude="40", longitude="40"),
             _pred("D2", event_type="Protests", sub_event_type="Peaceful protest", location="Pell"),
             _pred("D2", event_type="Battles", sub_event_type="Armed clash", location="Elsewhere")]
    rep = evaluate(preds, GOLD)
    assert rep.matched == 1
    assert rep.precision == pytest.approx(1 / 3)
    assert rep.recall == pytest.approx(1 / 2)


def test_evaluate_cli_prints_table_and_summary(tmp_path: Path) -> None:
    from sitrep.cli.app import _load_commands, app

    _load_commands()
    gold = tmp_path / "gold.csv"
    keys = list(GOLD[0])
    gold.write_text(",".join([*keys, "notes"]) + "\n"
                    + "\n".join(",".join([*(g[k] for k in keys), "n"]) for g in GOLD) + "\n", encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    preds.write_text(json.dumps({"doc_id": "D1", "event_type": "Battles", "sub_event_type": "Armed clash",
                                 "latitude": 10.0, "longitude": 20.0, "evidence": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(preds), str(gold)])
    assert result.exit_code == 0, result.output
    assert "detection F1" in result.output and "sub_event_type per class" in result.output


def test_evaluate_cli_bad_input_exits_1_cleanly(tmp_path: Path) -> None:
    from sitrep.cli.app import _load_commands, app

    _load_commands()
    bad = tmp_path / "pred.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    gold = tmp_path / "gold.csv"
    gold.write_text("event_id_cnty,notes\nD1,n\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad), str(gold)])
    assert result.exit_code == 1
    assert "E231" in result.output and "Traceback" not in result.output
