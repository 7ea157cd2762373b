from __future__ import annotations

import pytest

from sitrep.nlp.lang import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebel fighters clashed with the army near the town on Monday and two were killed.", "en"),
        ("قتل خمسة مدنيين في قصف على الحي الشرقي من المدينة", "ar"),
        ("پنج غیرنظامی در گلوله باران شهر کشته شدند و چند نفر زخمی شدند", "fa"),
        ("شہر پر گولہ باری میں پانچ شہری ہلاک ہو گئے اور کئی زخمی ہوئے ہیں", "ur"),
        ("Les manifestants se sont rassemblés dans la capitale pour dénoncer la hausse des prix.", "fr"),
        ("Los manifestantes se reunieron en la plaza para protestar por los precios de la comida.", "es"),
        ("Повстанцы атаковали позиции армии на окраине города", "ru"),
        ("", "und"),
        ("12345 67890", "und"),
    ],
)
def test_lang_detect_language_by_script_and_stopwords(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_lang_detect_language_reads_only_a_prefix_of_huge_text() -> None:
    text = "The army shelled the town. " * 5 + "قتل خمسة مدنيين " * 40000
    assert detect_language(text, max_chars=100) == "en"
    assert detect_language(text) == "ar"
