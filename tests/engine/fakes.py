"""A light pipeline for engine tests: no models, deterministic events, poison and crash switches.

Importable from worker processes (spawn), so it lives in a module, not in a test file.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

from sitrep.config import Settings
from sitrep.pipeline import Pipeline
from sitrep.registry import Stage
from sitrep.schema import Doc
from tests.helpers import make_event

__all__ = ["BrokenPipeline", "FakePipeline", "FakeStage", "SlowFakePipeline", "write_corpus"]


class FakeStage:
    """One event per line mentioning "clash"; "POISON" raises, "CRASH" kills the process."""

    def __init__(self, *, delay: float = 0.0) -> None:
        self.delay = delay

    def __call__(self, doc: Doc) -> Doc:
        if "POISON" in doc.text:
            raise ValueError("poisoned document")
        if "CRASH" in doc.text:
            os._exit(3)
        if self.delay:
            time.sleep(self.delay)
        doc_id = doc.document.id
        lines = [ln for ln in doc.text.splitlines() if "clash" in ln]
        doc.events = [make_event(event_id_cnty=f"T-{doc_id[:16]}-{i}", doc_id=doc_id,
                                 doc_ids=[doc_id], notes=ln, evidence=[], claims=[])
                      for i, ln in enumerate(lines)]
        return doc


class FakePipeline(Pipeline):
    """Pipeline whose only stage is :class:`FakeStage` (delay from ``stage_options["fake"]``)."""

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        if self._stages is None:
            delay = float(self.settings.stage_options.get("fake", {}).get("delay", 0.0))  # type: ignore[arg-type]
            self._stages = [("fake.v1", FakeStage(delay=delay))]
        return self._stages


class SlowFakePipeline(FakePipeline):
    """Like FakePipeline, 0.05 s a document: slow enough to be killed midway."""

    def __init__(self, settings: Settings | None = None, **kwargs: object) -> None:
        settings = settings or Settings()
        settings = settings.model_copy(update={"stage_options": {"fake": {"delay": 0.05}}})
        super().__init__(settings, **kwargs)  # type: ignore[arg-type]


def BrokenPipeline(settings: Settings) -> Pipeline:
    raise RuntimeError("model files missing")


def write_corpus(folder: Path, n: int, *, extra: dict[int, str] | None = None) -> Path:
    """``n`` small text reports (0-2 events each) in ``folder``; ``extra`` replaces some texts."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = (f"Desk | {date(2020, 5, 1 + i % 9).isoformat()}\n\nReport number {i}.\n"
                + "".join(f"A clash in town {i}-{k}.\n" for k in range(i % 3)))
        if extra and i in extra:
            text = extra[i]
        (folder / f"r{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def events_of(stdout: str) -> list[str]:
    return [json.loads(line)["event_id_cnty"] for line in stdout.splitlines() if line.strip()]
