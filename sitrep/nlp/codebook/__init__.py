"""The team-written codebook: a definition and example sentences per sub-event type, plus
negative examples (label ``none``). Read with :func:`load_codebook`; nothing is loaded at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

__all__ = ["NONE_LABEL", "CodebookEntry", "load_codebook", "training_pairs"]

NONE_LABEL = "none"
_FILES = ("battles.yaml", "remote.yaml", "civilians.yaml", "protests.yaml", "strategic.yaml", "none.yaml")
#: Codebook files per language (the Arabic ones are named ``ar_*.yaml``).
_FILES_BY_LANGUAGE = {"en": _FILES, "ar": ("ar_events.yaml", "ar_none.yaml")}


@dataclass(frozen=True)
class CodebookEntry:
    label: str  # an ACLED sub_event_type or "none"
    definition: str
    examples: tuple[str, ...]


def load_codebook(*, language: str = "en") -> list[CodebookEntry]:
    """All entries of the shipped codebook for ``language`` (``en`` or ``ar``), in file order."""
    import yaml

    entries: list[CodebookEntry] = []
    root = resources.files(__name__)
    for name in _FILES_BY_LANGUAGE[language]:
        data = yaml.safe_load(root.joinpath(name).read_text(encoding="utf-8")) or {}
        for label, body in data.items():
            entries.append(CodebookEntry(label=str(label), definition=str(body["definition"]),
                                         examples=tuple(str(e) for e in body["examples"])))
    return entries


def training_pairs(*, with_definitions: bool = True, language: str = "en") -> tuple[list[str], list[str]]:
    """(texts, labels) for a classifier: every example, and each definition once."""
    texts: list[str] = []
    labels: list[str] = []
    for entry in load_codebook(language=language):
        items = [*entry.examples, entry.definition] if with_definitions else list(entry.examples)
        texts.extend(items)
        labels.extend([entry.label] * len(items))
    return texts, labels
