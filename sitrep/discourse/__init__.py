"""Document-level decisions: a mention's status, coreference into happenings, deaths counted once."""

from .coref import Happening, group_happenings
from .deaths import reconcile_deaths
from .stage import DiscourseStage
from .status import Status, mention_status

__all__ = ["DiscourseStage", "Happening", "Status", "group_happenings", "mention_status", "reconcile_deaths"]
