"""Abbreviated names of provinces as English-language news writes them after a town.

Wire and local copy places a town by the abbreviation of its state or province, in the AP style
("Mt. Juliet, Tenn.", "York, Pa.", "Gastonia, N.C."). The gazetteer knows the full names only, and
a loose name key would read "Tenn" as some village; this table says what the abbreviation stands
for. It is read only where an abbreviation follows a place after a comma (a container hint,
:mod:`sitrep.geo.spans`), so "Mo." elsewhere in a sentence stays what it is. Two-letter postal
codes are left out on purpose: "TN" is Tamil Nadu in Indian copy ("Chennai, TN") as often as
Tennessee in American copy.

The sentence splitter uses :data:`DOTTED` so that the full stop of "Tenn." does not end a
sentence in the middle of a dateline ("NASHVILLE, Tenn. (WKRN) -- A man was shot ...").
"""

from __future__ import annotations

__all__ = ["DOTTED", "POSTAL", "expand"]

_US = "United States"
_CA = "Canada"
_AU = "Australia"

#: AP-style abbreviations (written with their full stop) -> (country, province).
_AP: dict[str, tuple[str, str]] = {
    "Ala.": (_US, "Alabama"), "Ariz.": (_US, "Arizona"), "Ark.": (_US, "Arkansas"),
    "Calif.": (_US, "California"), "Colo.": (_US, "Colorado"), "Conn.": (_US, "Connecticut"),
    "Del.": (_US, "Delaware"), "D.C.": (_US, "District of Columbia"), "Fla.": (_US, "Florida"),
    "Ga.": (_US, "Georgia"), "Ill.": (_US, "Illinois"), "Ind.": (_US, "Indiana"),
    "Kan.": (_US, "Kansas"), "Kans.": (_US, "Kansas"), "Ky.": (_US, "Kentucky"),
    "La.": (_US, "Louisiana"), "Md.": (_US, "Maryland"), "Mass.": (_US, "Massachusetts"),
    "Mich.": (_US, "Michigan"), "Minn.": (_US, "Minnesota"), "Miss.": (_US, "Mississippi"),
    "Mo.": (_US, "Missouri"), "Mont.": (_US, "Montana"), "Neb.": (_US, "Nebraska"),
    "Nev.": (_US, "Nevada"), "N.H.": (_US, "New Hampshire"), "N.J.": (_US, "New Jersey"),
    "N.M.": (_US, "New Mexico"), "N.Y.": (_US, "New York"), "N.C.": (_US, "North Carolina"),
    "N.D.": (_US, "North Dakota"), "Okla.": (_US, "Oklahoma"), "Ore.": (_US, "Oregon"),
    "Pa.": (_US, "Pennsylvania"), "R.I.": (_US, "Rhode Island"), "S.C.": (_US, "South Carolina"),
    "S.D.": (_US, "South Dakota"), "Tenn.": (_US, "Tennessee"), "Tex.": (_US, "Texas"),
    "Vt.": (_US, "Vermont"), "Va.": (_US, "Virginia"), "Wash.": (_US, "Washington"),
    "W.Va.": (_US, "West Virginia"), "Wis.": (_US, "Wisconsin"), "Wyo.": (_US, "Wyoming"),
    "Ont.": (_CA, "Ontario"), "Que.": (_CA, "Quebec"), "B.C.": (_CA, "British Columbia"),
    "Alta.": (_CA, "Alberta"), "Sask.": (_CA, "Saskatchewan"), "Man.": (_CA, "Manitoba"),
    "N.S.": (_CA, "Nova Scotia"), "N.B.": (_CA, "New Brunswick"),
    "Nfld.": (_CA, "Newfoundland and Labrador"),
    "Qld.": (_AU, "Queensland"), "Vic.": (_AU, "Victoria"), "Tas.": (_AU, "Tasmania"),
}

#: The dotted abbreviations without their final stop, for the sentence splitter ("Tenn", "W.Va").
DOTTED: frozenset[str] = frozenset(a[:-1] for a in _AP)


def expand(text: str) -> tuple[str, str] | None:
    """(country, province) that ``text`` abbreviates ("Tenn." or "Tenn", "N.C.", "PA"), or None.

    Only for a word in container position (after a place and a comma); the caller decides that.
    """
    word = text.strip(" ,;:)")
    if not word:
        return None
    dotted = word if word.endswith(".") else word + "."
    return _AP.get(dotted)


#: Two-letter postal codes of the US states (and DC): read only as a *check* on the place before
#: them ("Birmingham, AL"): they count when the gazetteer has that place in that state, and are
#: ignored otherwise ("Chennai, TN" is Tamil Nadu's, not Tennessee's): see ``geo.resolve``.
POSTAL: dict[str, str] = dict(zip(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(),
    ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
     "District of Columbia", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
     "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
     "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
     "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
     "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
     "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming"], strict=True))
