from __future__ import annotations

import pytest

from sitrep.normalise.claims import chain_from_regex, claimant_chain, clean_name, speaker


@pytest.mark.parametrize(
    ("text", "figure", "chain"),
    [
        ("The agency quoted doctors at the city hospital that 20 bodies arrived.", "20",
         ["Wire", "The agency", "doctors at the city hospital"]),
        ("According to the health ministry, 12 people died.", "12", ["Wire", "the health ministry"]),
        ("Six soldiers died, the army said.", "Six", ["Wire", "the army"]),
        ("Police told the radio that 3 guards were killed.", "3", ["Wire", "the radio", "Police"]),
        ("Activists claimed that 9 fighters were killed.", "9", ["Wire", "Activists"]),
        ("The monitor said 4 died, while the army confirmed that 2 soldiers were killed.", "2",
         ["Wire", "the army"]),
        ("Eleven people were killed in the raid.", "Eleven", ["Wire"]),
    ],
)
def test_claims_chain_from_regex(text: str, figure: str, chain: list[str]) -> None:
    assert claimant_chain(chain_from_regex(text, text.index(figure)), outlet="Wire") == chain


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("“Eyewitness or Sha’hed Ayan” media mean", "Sha'hed Ayan"), ("#Wire", "Wire"),
     ("the Observatory, which has sources on the ground,", "the Observatory"), ("and the army", "the army")],
)
def test_claims_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_claims_chain_drops_repeats_and_pronouns() -> None:
    hops = [(0, 1, "Wire"), (2, 3, "he"), (4, 5, "the ministry"), (6, 7, "The Ministry")]
    assert claimant_chain(hops, outlet="Wire") == ["Wire", "the ministry"]
    assert claimant_chain(hops, outlet=None) == ["Wire", "the ministry"]


@pytest.mark.parametrize(
    ("raw", "teller"),
    [
        ("Published March 3 2019 A local rights group", "A local rights group"),
        ("AFP Friday 4 Oct 2019 The health directorate", "The health directorate"),
        ("12.05.2019(updated 0930 12.05.2019) Get short URL 4412 The defence ministry", "The defence ministry"),
        ("SPRINGTON - The county sheriff's office", "The county sheriff's office"),
        ("Earlier a source at the provincial police", "a source at the provincial police"),
        ("On Thursday the monitor", "the monitor"),
        ("In a statement to the agency a spokesman for the brigade", "a spokesman for the brigade"),
        ("The group also", "The group"),
        ("The rights centre which documents abuses in the north", "The rights centre"),
        ("the trauma ward.Doctors", "Doctors"),
        ("at least 40 a local monitor", "a local monitor"),
        ("14 people Doctors Without Borders", "Doctors Without Borders"),
        ("the truck bomb", None),
        ("The drone strikes", None),
        ("more than 40 people", None),
        ("at least 25 members of the militia", None),
        ("some 200 casualties in the province", None),
        ("The shelling in the eastern district", None),
        ("him", None),
    ],
)
def test_claims_claimant_is_a_teller(raw: str, teller: str | None) -> None:
    """Rule claimant-is-a-teller: page furniture, a time before the subject and words after it are
    cut away; a count, a weapon or an attack read as the subject names no claimant."""
    assert speaker(raw) == teller


def test_claims_chain_keeps_only_tellers() -> None:
    text = "A truck bomb claimed 20 lives in the market town."
    assert claimant_chain(chain_from_regex(text, text.index("20")), outlet="Wire") == ["Wire"]
    text = "Earlier a source at the provincial police said that 4 people died."
    assert claimant_chain(chain_from_regex(text, text.index("4")), outlet="Wire") == [
        "Wire", "a source at the provincial police"]
