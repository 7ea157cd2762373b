from __future__ import annotations

import pytest

from sitrep.actors.kb import load_kb
from sitrep.actors.recognise import Matcher, build_matcher
from sitrep.actors.stage import ActorResolver


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return build_matcher(load_kb())


@pytest.fixture(scope="session")
def resolver(matcher: Matcher) -> ActorResolver:
    return ActorResolver(matcher=matcher)
