"""Country cue words as the truecaser writes them (sitrep.geo.countries.CUE_FORMS)."""

from __future__ import annotations

from sitrep.config import Settings
from sitrep.nlp.reading import case_lexicon_of
from sitrep.resources import Resources


def test_cue_acronyms_keep_their_capitals_and_cue_nouns_are_no_names() -> None:
    names = case_lexicon_of(Resources(Settings())).names
    assert names["anc"] == "ANC"  # a party's initials, not "Anc"
    assert names["imbonerakure"] == "Imbonerakure"
    assert "upazila" not in names  # an administrative unit: a common noun
    assert names["barangay"] == "Barangay"  # the older cue words as before
