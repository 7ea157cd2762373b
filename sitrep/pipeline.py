"""The Pipeline: stages from settings, resources loaded once, documents streamed through."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date

from .config import Settings
from .registry import Stage, get_stage_factory
from .resources import Resources
from .schema import Doc, Document, Event

__all__ = ["Pipeline", "make_doc"]


def make_doc(document: Document, settings: Settings) -> Doc:
    """Wrap a Document for the stages, filling the publication date from settings if absent."""
    if document.date is None and settings.date is not None:
        document = document.model_copy(update={"date": settings.date})
    return Doc(document=document, country_hint=document.country or settings.country)


class Pipeline:
    """Reusable coder: build once, call on many documents.

    >>> pipe = Pipeline()                       # doctest: +SKIP
    >>> events = pipe.extract("On Monday ...")  # doctest: +SKIP
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        resources: Resources | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.resources = resources or Resources(self.settings)
        self._stages: list[tuple[str, Stage]] | None = None

    @property
    def stages(self) -> list[tuple[str, Stage]]:
        if self._stages is None:
            self._stages = [
                (name, get_stage_factory(name)(self.settings, self.resources))
                for name in self.settings.stages
            ]
        return self._stages

    def __call__(self, document: Document) -> Doc:
        doc = make_doc(document, self.settings)
        for _name, stage in self.stages:
            doc = stage(doc)
        return doc

    def pipe(self, documents: Iterable[Document]) -> Iterator[Doc]:
        for document in documents:
            yield self(document)

    def extract(self, text_or_documents: str | Document | Iterable[Document | str], *,
                date: Date | None = None) -> list[Event]:
        from .ingest.text import document_from_text

        if isinstance(text_or_documents, (str, Document)):
            items: Iterable[Document | str] = [text_or_documents]
        else:
            items = text_or_documents
        events: list[Event] = []
        for item in items:
            document = document_from_text(item, date=date) if isinstance(item, str) else item
            if date is not None and document.date is None:
                document = document.model_copy(update={"date": date})
            events.extend(self(document).events)
        return events
