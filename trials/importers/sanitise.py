"""Registry text made safe to store: control characters removed, sizes capped, the record named."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .records import RecordError, TrialRecord

# ClinicalTrials.gov caps its longest free-text field (the detailed description) at 32,000
# characters and eligibility at 20,000; the longest text in our 267 real records is 8,108. More
# than this is not a registry record but a mistake or an attack, and would make a page of
# megabytes.
MOST_CHARACTERS = 50_000

# C0 control characters (NUL first of all) and DEL; tabs and line breaks stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitise_record(record: TrialRecord) -> TrialRecord:
    """Strip control characters from every text of `record`, noting where in its warnings.

    Raises RecordError naming the record and the field when a text is longer than we accept.
    """
    cleaned: list[str] = []
    _sanitise(record, record.registry_id, cleaned, path="")
    if cleaned:
        record.warnings.append(
            "control characters (such as NUL) removed from " + ", ".join(sorted(set(cleaned)))
        )
    return record


def _sanitise(item: Any, registry_id: str, cleaned: list[str], *, path: str) -> None:
    for field in dataclasses.fields(item):
        if field.name == "warnings":
            continue
        name = f"{path}{field.name}"
        value = getattr(item, field.name)
        if isinstance(value, str):
            setattr(item, field.name, _text(value, registry_id, cleaned, name=name))
        elif isinstance(value, list):
            setattr(
                item,
                field.name,
                [_member(member, registry_id, cleaned, name=name) for member in value],
            )


def _member(value: Any, registry_id: str, cleaned: list[str], *, name: str) -> Any:
    if isinstance(value, str):
        return _text(value, registry_id, cleaned, name=name)
    if dataclasses.is_dataclass(value):
        _sanitise(value, registry_id, cleaned, path=f"{name}.")
    return value


def _text(value: str, registry_id: str, cleaned: list[str], *, name: str) -> str:
    if len(value) > MOST_CHARACTERS:
        raise RecordError(
            f"{registry_id or 'a record'}: {name} is {len(value):,} characters long, "
            f"more than the {MOST_CHARACTERS:,} we accept"
        )
    tidy = _CONTROL.sub("", value)
    if tidy != value:
        cleaned.append(name)
    return tidy
