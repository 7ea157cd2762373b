"""Event dates (placeholder: publication date; deepened by issue 5)."""

from __future__ import annotations

from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import DateInfo, Doc

__all__ = ["DateResolver"]


class DateResolver:
    """Stage ``dates.v1``: sets ``candidate.date``."""

    def __call__(self, doc: Doc) -> Doc:
        if doc.pub_date is None:
            return doc
        for cand in doc.candidates:
            if cand.date is None:
                cand.date = DateInfo(
                    event_date=doc.pub_date, time_precision=1, date_prec=1,
                    date_start=doc.pub_date, date_end=doc.pub_date,
                )
        return doc


@stage("dates.v1")
def make_date_resolver(settings: Settings, resources: Resources) -> DateResolver:
    return DateResolver()
