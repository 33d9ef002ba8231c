"""Event assembly: triggers, argument linking, merging, war relevance."""

from .export import ACLED_COLUMNS, events_to_rows
from .models import Event, get_events

__all__ = ["ACLED_COLUMNS", "Event", "events_to_rows", "get_events"]
