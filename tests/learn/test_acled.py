from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.learn.acled import read_acled_rows

MODERN = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,assoc_actor_1,notes,fatalities\n"
    'XYZ1,2020-05-09,Battles,Armed clash,Rebels (Xland),,"Rebels fought troops near the dam.",2\n'
    'XYZ2,2020-05-09,Protests,Peaceful protest,Protesters (Xland),Teachers (Xland),'
    '"Teachers marched in the capital.\nThey demanded pay.",0\n'
)
OLD_UPPER = (
    "GWNO,EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,NOTES,FATALITIES\n"
    '999,1XYZ,01-January-2015,Riots/Protests,Rioters (Xland),Party A,"Two groups fought over a\n'
    'market; one injured.",0\n'
    "999,2XYZ,02-January-2015,Battle-No change of territory,Army,,Soldiers fought rebels.,3\n"
)
OLD_INDEX = (
    ",actor1,ally_actor_1,event_type,notes,event_id_cnty\n"
    "0,Al Group,,Remote violence,A mortar hit the market.,77RTA\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_acled_reads_modern_rows_with_multiline_notes(tmp_path: Path) -> None:
    rows = list(read_acled_rows(_write(tmp_path, "m.csv", MODERN)))
    assert [r["event_id_cnty"] for r in rows] == ["XYZ1", "XYZ2"]
    assert rows[1]["notes"] == "Teachers marched in the capital.\nThey demanded pay."
    assert rows[1]["assoc_actor_1"] == "Teachers (Xland)"
    assert rows[0]["sub_event_type"] == "Armed clash"


def test_acled_reads_old_uppercase_schema(tmp_path: Path) -> None:
    rows = list(read_acled_rows(_write(tmp_path, "o.csv", OLD_UPPER)))
    assert len(rows) == 2
    assert rows[0]["assoc_actor_1"] == "Party A"
    assert rows[0]["notes"].startswith("Two groups fought over a\nmarket")
    assert rows[0]["sub_event_type"] == ""
    assert rows[0]["event_type"] == "Riots/Protests"
    assert rows[1]["inferred_sub_event_type"] == "Armed clash"


def test_acled_ignores_the_unnamed_index_column(tmp_path: Path) -> None:
    (row,) = read_acled_rows(_write(tmp_path, "i.csv", OLD_INDEX))
    assert "" not in row
    assert row["actor1"] == "Al Group" and row["event_id_cnty"] == "77RTA"
    assert row["inferred_event_type"] == "Explosions/Remote violence"


def test_acled_rejects_a_file_without_notes(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(read_acled_rows(_write(tmp_path, "bad.csv", "a,b\n1,2\n")))


def test_acled_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(read_acled_rows(tmp_path / "nope.csv"))


@pytest.mark.shared
def test_acled_reads_every_shared_sample(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "data" / "acled-samples").glob("*.csv")):
        rows = list(read_acled_rows(path))
        assert rows, path
        assert all("notes" in r and "assoc_actor_1" in r for r in rows)
