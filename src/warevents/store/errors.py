"""Coded messages of the incident registry (``S`` codes, beside the package's ``E`` codes)."""

from __future__ import annotations


class StoreError(ValueError):
    """A registry operation that cannot go on (bad URL, unknown incident, newer schema...)."""


class Errors:
    S001 = "[S001] Cannot open database '{url}': {reason}"
    S002 = "[S002] Database schema version {found} is newer than this warevents ({known}); upgrade warevents."
    S003 = "[S003] {path}:{line}: not a warevents record ({reason}); skipped."
    S004 = "[S004] Unknown incident '{incident}'."
    S005 = "[S005] Event '{event}' is not in incident '{incident}'."
    S006 = "[S006] A split must leave events on both sides; got {n} of {total}."
    S007 = "[S007] Cannot place '{place}': not a 'LAT,LON' pair nor a place name in the registry or gazetteer."
    S008 = "[S008] Unknown format '{fmt}'. Expected one of: {formats}."
    S009 = "[S009] {path}: extraction failed ({reason}); skipped."
