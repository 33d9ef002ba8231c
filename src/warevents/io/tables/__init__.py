"""Flat tables of event records that sit next to ACLED and UCDP data."""

from .codes import Codes
from .events import EVENT_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, EventTable, event_id
from .geo import Geo

__all__ = ["EVENT_COLUMNS", "FLOAT_COLUMNS", "INT_COLUMNS", "Codes", "EventTable", "Geo", "event_id"]
