"""Segmentation: a document's headline glued into its text is a sentence of its own."""

from __future__ import annotations

from sitrep.nlp.segment import segment_text

TITLE = "Air strike on training camp kills 18 New toll"
TEXT = f"Sun 14 Sep 2014 {TITLE} AFP A Syrian air strike on a training camp killed 17 militants and a child."


def test_segment_title_glued_into_text_is_its_own_sentence() -> None:
    sentences = [s.text for s in segment_text(TEXT, title=TITLE)]
    assert TITLE in sentences
    assert sentences[-1].startswith("AFP A Syrian air strike")
    for s in segment_text(TEXT, title=TITLE):
        assert TEXT[s.start:s.end] == s.text


def test_segment_without_title_or_absent_title_unchanged() -> None:
    plain = [s.text for s in segment_text(TEXT)]
    assert plain == [s.text for s in segment_text(TEXT, title="A headline the text does not hold")]
    assert len(plain) == 1


def test_segment_title_closed_by_its_own_stop_gets_no_empty_sentence() -> None:
    text = "Sun 05 Jul 2015 Twenty dead in raids on the city. Six civilians were among them."
    sentences = [s.text for s in segment_text(text, title="Twenty dead in raids on the city")]
    assert sentences == ["Sun 05 Jul 2015", "Twenty dead in raids on the city.", "Six civilians were among them."]
