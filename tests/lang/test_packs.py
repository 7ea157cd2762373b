"""The English and Arabic packs: one protocol, the readers the stages use (team-written text)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.lang import (
    DEFAULT_LANGUAGE,
    LanguagePack,
    get_pack,
    no_pack_reason,
    packs,
    supported_languages,
)
from sitrep.normalise.casualties import Figure
from sitrep.normalise.date_rules import DateMatch

PUB = date(2016, 9, 30)  # a Friday


def _pack(code: str) -> LanguagePack:
    pack = get_pack(code)
    assert pack is not None
    return pack


def test_lang_registry_has_english_and_arabic() -> None:
    assert supported_languages() == ("en", "ar")
    assert [p.code for p in packs()] == ["en", "ar"]
    assert DEFAULT_LANGUAGE == "en"
    assert get_pack("fr") is None and get_pack(None) is None


@pytest.mark.parametrize("code", ["en", "ar"])
def test_lang_packs_implement_the_protocol(code: str) -> None:
    pack = _pack(code)
    assert isinstance(pack, LanguagePack)
    assert pack.code == code and pack.name


@pytest.mark.parametrize(
    ("code", "text", "sub"),
    [("en", "Warplanes bombed the market on Monday.", "Air/drone strike"),
     ("ar", "غارة جوية على حي المشهد", "Air/drone strike")],
)
def test_lang_packs_find_cues(code: str, text: str, sub: str) -> None:
    hits = _pack(code).cues(text)
    assert sub in {h.sub_event_type for h in hits}
    for h in hits:
        assert text[h.start:h.end] == h.text


@pytest.mark.parametrize(
    ("code", "text", "trigger", "flag"),
    [("en", "The army denied that it shelled the village.", "shelled", "negated"),
     ("en", "Rebels threatened to attack the town.", "attack", "hypothetical"),
     ("ar", "نفى الجيش أنه قصف القرية", "قصف", "negated"),
     ("ar", "يعتزم الثوار اقتحام البلدة", "اقتحام", "hypothetical")],
)
def test_lang_packs_read_modality(code: str, text: str, trigger: str, flag: str) -> None:
    pack = _pack(code)
    sentence = pack.normalise(text)
    start = sentence.index(pack.normalise(trigger))
    mod = pack.modality(sentence, start, start + len(pack.normalise(trigger)))
    assert getattr(mod, flag)


@pytest.mark.parametrize(("code", "text", "value"),
                         [("en", "twelve", (12, 12)), ("en", "village", None),
                          ("ar", "خمسة وعشرون", (25, 25)), ("ar", "عشرات", (10, 99)), ("ar", "كثير", None)])
def test_lang_packs_parse_numbers(code: str, text: str, value: tuple[int, int] | None) -> None:
    assert _pack(code).parse_number(text) == value


@pytest.mark.parametrize(
    ("code", "text", "killed"),
    [("en", "Shelling killed at least five civilians in the town.", 5),
     ("ar", "مقتل ما لا يقل عن ثلاثة مدنيين في القصف", 3)],
)
def test_lang_packs_give_one_figure_type(code: str, text: str, killed: int) -> None:
    figures = _pack(code).figures(text)
    assert all(type(f) is Figure for f in figures)
    first = next(f for f in figures if f.quantity == "killed")
    assert first.value == first.low == killed and first.qualifier == "at least"
    assert text[first.start:first.end] == first.text


@pytest.mark.parametrize(
    ("code", "text", "day"),
    [("en", "Troops shelled the town on Thursday.", date(2016, 9, 29)),
     ("en", "Clashes broke out on 25 September 2016.", date(2016, 9, 25)),
     ("ar", "اشتباكات يوم الخميس في الحي", date(2016, 9, 29)),
     ("ar", "غارة على الحي ٢٥-٩-٢٠١٦", date(2016, 9, 25))],
)
def test_lang_packs_give_one_date_type(code: str, text: str, day: date) -> None:
    found = _pack(code).dates(text, PUB)
    assert found and all(type(d) is DateMatch for d in found)
    assert found[0].event_date == day and text[found[0].start:found[0].end] == found[0].expression


@pytest.mark.parametrize(
    ("code", "name", "forms"),
    [("en", "al-Bab", ["al-Bab", "Bab"]), ("en", "Deir ez-Zor", ["Deir ez-Zor"]), ("en", "Aleppo", ["Aleppo"]),
     ("ar", "بحلب", ["بحلب", "حلب"]), ("ar", "والباب", ["والباب", "الباب"]), ("ar", "حلب", ["حلب"])],
)
def test_lang_packs_strip_place_articles_and_prefixes(code: str, name: str, forms: list[str]) -> None:
    assert _pack(code).place_forms(name) == forms


def test_lang_arabic_place_articles_are_the_gazetteer_keys_articles() -> None:
    from sitrep.geo.match import name_key

    assert "al" in _pack("ar").place_articles and "el" in _pack("en").place_articles
    assert name_key("al-Bab") == name_key("el Bab") == name_key("Bab")


@pytest.mark.parametrize(
    ("text", "en_wins"),
    [("The army said that the rebels were driven out of the town.", True),
     ("قصفت قوات النظام حي السكري بقذائف الهاون", False)],
)
def test_lang_packs_detection_scores(text: str, en_wins: bool) -> None:
    en, ar = _pack("en").detection_score(text), _pack("ar").detection_score(text)
    assert (en > ar) is en_wins and 0.0 <= min(en, ar) and max(en, ar) <= 1.0


def test_lang_arabic_score_is_zero_for_persian() -> None:
    assert _pack("ar").detection_score("هواپیماها دیروز شهر را بمباران کردند") == 0.0


def test_lang_no_pack_reason_names_the_supported_languages() -> None:
    assert no_pack_reason("fr") == "language fr has no pack (supported: en, ar)"
    assert no_pack_reason("und") == "no language could be identified (supported: en, ar)"


@pytest.mark.parametrize("code", ["en", "ar"])
def test_lang_packs_assume_no_country(code: str) -> None:
    assert not hasattr(_pack(code), "default_country")


def test_lang_packs_argument_rules() -> None:
    from sitrep.lang import ArgumentRules

    assert _pack("en").rules == ArgumentRules()
    assert _pack("ar").rules == ArgumentRules(dates="dispatch", fatalities="dispatch", places="pack", actors="pack")


def test_lang_pack_lacking_a_reader_fails_clearly() -> None:
    from sitrep.lang import register_pack

    class Half:
        code = "xx"
        name = "Half"

    with pytest.raises(TypeError, match=r"Half does not implement LanguagePack: it lacks stop_words, .*framing"):
        register_pack(Half())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [("قتل ثلاثة مدنيين بحسب ناشطين.", ["ناشطين."]), ("قصف على حلب", [])],
)
def test_lang_arabic_claimants(text: str, claimant: list[str]) -> None:
    got = _pack("ar").claimants(text, 0)
    assert [c.rstrip(".") for c in got] == [c.rstrip(".") for c in claimant]
