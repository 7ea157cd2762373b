from __future__ import annotations

import pytest

from sitrep.normalise.claims import chain_from_regex, claimant_chain, clean_name


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
