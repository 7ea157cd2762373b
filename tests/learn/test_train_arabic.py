"""``sitrep train`` on an ACLED-format export whose notes are Arabic (team-written notes)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.learn.arabic import is_arabic_note
from sitrep.learn.train import train
from sitrep.nlp.detect import make_detector
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document

# This export codes a sniper shooting a fighter as a clash (ACLED: violence between armed groups),
# which the shipped Arabic codebook reads as an attack on a person.
ROWS = [
    ("Armed clash", "قناص من الثوار يقنص عنصراً من قوات النظام على جبهة الراموسة"),
    ("Armed clash", "قنص عنصرين من الميليشيات على أطراف حي الشيخ سعيد برصاص قناصة الفصائل"),
    ("Armed clash", "قناصة المعارضة يقنصون جندياً من قوات الأسد قرب دوار الجندول"),
    ("Armed clash", "مقاتل من الفصائل يقنص عنصراً من حزب الله على جبهة حندرات"),
    ("Air/drone strike", "غارة جوية على حي الصاخور توقع ثلاثة قتلى"),
    ("Air/drone strike", "الطيران المروحي يلقي برميلين على بلدة عندان"),
    ("Shelling/artillery/missile attack", "قصف مدفعي على حي المرجة وإصابة مدنيين"),
    ("Peaceful protest", "مظاهرة في حي بستان القصر تطالب بفك الحصار"),
]
ENGLISH = [("Armed clash", "Rebels and regime forces clashed near Ostra crossing.")]


def _csv(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "export_ar.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "notes"])
        for i, (sub, note) in enumerate(rows):
            w.writerow([f"SYR{i}", "2016-09-30", "", sub, "Syria", note])
    return path


def _first_sub(model_dir: Path | None, text: str) -> str | None:
    settings = Settings(model_dir=model_dir, stage_options={"detect.v1": {"parser": False}})
    doc = Doc(document=Document(id="x", text=text))
    doc.sentences = segment_text(text)
    cands = make_detector(settings, Resources(settings))(doc).candidates
    return cands[0].sub_event_type if cands else None


@pytest.mark.parametrize(("text", "arabic"), [
    ("غارة جوية على حي الشعار", True),
    ("Regime aircraft struck the al-Shaar (حي الشعار) neighbourhood of Aleppo.", False),
    ("12 / 2016", False),
])
def test_train_arabic_note_detection(text: str, arabic: bool) -> None:
    assert is_arabic_note(text) is arabic


def test_train_arabic_notes_get_their_own_model(tmp_path: Path) -> None:
    report = train([_csv(tmp_path, ROWS + ENGLISH)], tmp_path / "model")
    manifest = json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))
    assert manifest["rows_ar"] == len(ROWS) and report.rows_used == len(ROWS) + len(ENGLISH)
    assert (tmp_path / "model" / manifest["classifier_ar"]).is_file()
    assert (tmp_path / "model" / manifest["classifier"]).is_file()


def test_train_arabic_model_types_arabic_reports_as_the_export_does(tmp_path: Path) -> None:
    text = "قناص من الفصائل يقنص عنصراً من الميليشيات على جبهة المطار"
    train([_csv(tmp_path, ROWS)], tmp_path / "model")
    assert _first_sub(None, text) == "Attack"  # the shipped codebook alone
    assert _first_sub(tmp_path / "model", text) == "Armed clash"


def test_train_english_only_export_writes_no_arabic_model(tmp_path: Path) -> None:
    train([_csv(tmp_path, ENGLISH * 3)], tmp_path / "model")
    manifest = json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))
    assert "classifier_ar" not in manifest
    assert _first_sub(tmp_path / "model", "غارة جوية على حي الشعار") == "Air/drone strike"
