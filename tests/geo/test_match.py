from __future__ import annotations

import pytest

from sitrep.geo.match import arabic_key, best_matches, name_key, name_keys


@pytest.mark.parametrize(("a", "b"), [
    ("Halab al-Jadideh", "New Aleppo"),
    ("al-Masharqa", "Masharqah"),
    ("Ard al-Sabbagh", "Ard As-Sabbagh"),
    ("Ramouseh", "Ar-Ramouseh"),
    ("Idleb", "Idlib"),
    ("Deir-ez-Zor", "Deir ez-Zor"),
    ("Dar'a", "Daraa"),
    ("Dar‘a", "Darʿa"),
    ("3000 Apartments", "3000Apartments"),
    ("Al-Hasakeh", "Al-Hasakah"),
    ("Ar-Raqqa", "Ar-Raqqah"),
    ("Qusayr", "Kusayr"),
    ("Sheikh Maqsoud", "Sheikh Maksud"),
    ("حلب الجديدة", "حلب الجديده"),
    ("Ḩalab", "Halab"),
])
def test_match_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Aleppo", "Idlib"), ("Homs", "Hama"),
                                      ("3000 Apartments", "1070 Apartments")])
def test_match_different_places_differ(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_match_arabic_article_and_alef_are_normalised() -> None:
    assert arabic_key("الْمَشَارِقَة") == arabic_key("مشارقه")


@pytest.mark.parametrize(("name", "extra"), [("Hanano district", "hanana"),
                                             ("Handarat camp", "handarat")])
def test_match_feature_words_give_a_second_key(name: str, extra: str) -> None:
    assert extra in name_keys(name)


def test_match_fuzzy_ranks_nearest_first() -> None:
    found = best_matches(name_key("Hamadaniyeh"), [name_key("Hamdaniyah"), name_key("Homs")],
                         cutoff=70)
    assert found and found[0][0] == name_key("Hamdaniyah")
