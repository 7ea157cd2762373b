from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.actors.kb import load_kb, normalise_alias, parse_layer
from sitrep.errors import ConfigError, SitrepError


def test_kb_shipped_layers_load_without_duplicate_aliases() -> None:
    kb = load_kb()
    assert kb.problems == []
    assert len(kb.countries) > 200


@pytest.mark.parametrize(("country", "kind", "year", "expected"), [
    ("Syria", "Military", 2016, "Military Forces of Syria (2000-)"),
    ("Syria", "Police", None, "Police Forces of Syria (2024-)"),
    ("Ukraine", "Military", 2020, "Military Forces of Ukraine (2019-)"),
    ("Mexico", "Police", 2020, "Police Forces of Mexico (2018-)"),
    ("India", "Military", 2020, "Military Forces of India (2014-)"),
    ("Iran", "Military", 2016, "Military Forces of Iran (1989-)"),
    ("Democratic Republic of Congo", "Military", 2020, "Military Forces of the Democratic Republic of Congo (2019-)"),
])
def test_kb_state_forces_follow_acled_naming(country: str, kind: str, year: int | None, expected: str) -> None:
    assert load_kb().countries[country].forces(kind, year) == expected


@pytest.mark.parametrize(("text", "line"), [
    ("actors:\n  - {name: A, inter: 2\n  - {name: B, inter: 3}\n", 3),
    ("actors:\n  - {name: A, inter: 2}\n  - {name: B, inter: 12}\n", 3),
    ("actors:\n  - {name: A, inter: 2}\n  - {inter: 2, aliases: [x]}\n", 3),
    ("actors:\n  - name: A\n    inter: 2\n    colour: red\n", 2),
])
def test_kb_broken_user_file_names_the_line(text: str, line: int) -> None:
    with pytest.raises(ConfigError) as info:
        parse_layer(text, origin="mine.yaml")
    assert isinstance(info.value, SitrepError)
    assert f"mine.yaml:{line}" in str(info.value)


def test_kb_duplicate_alias_across_user_actors_is_reported(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("actors:\n  - {name: Red Brigade, inter: 2, aliases: [the Reds]}\n"
                    "  - {name: Crimson Front, inter: 3, aliases: [the reds]}\n", encoding="utf-8")
    kb = load_kb(extra=[user])
    assert any("the reds" in p.lower() and "Red Brigade" in p and "Crimson Front" in p for p in kb.problems)


def test_kb_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_kb(extra=[tmp_path / "absent.yaml"])


@pytest.mark.parametrize(("raw", "key"), [
    ("al-Assad’s Forces", "al assad's forces"),
    ("U.S. forces", "u.s forces"),
    ("  Jaysh  al-Fateh ", "jaysh al fateh"),
])
def test_kb_normalise_alias(raw: str, key: str) -> None:
    assert normalise_alias(raw) == key


def test_kb_duplicates_are_logged_when_the_stage_loads(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from sitrep.actors.stage import load_matcher
    from sitrep.config import Settings

    user = tmp_path / "mine.yaml"
    user.write_text("actors:\n  - {name: Red Brigade, inter: 2, aliases: [the Reds]}\n"
                    "  - {name: Crimson Front, inter: 3, aliases: [the reds]}\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="sitrep.actors"):
        load_matcher(Settings(stage_options={"actors.v1": {"extra_files": [str(user)]}}))
    assert any("duplicate alias" in r.getMessage() for r in caplog.records)
