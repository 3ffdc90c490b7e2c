"""Registry files for import tests: the recorded records, and one of them patched."""

from __future__ import annotations

import json
from pathlib import Path

RECORDED = Path(__file__).parent / "recorded"


def study(**changes) -> dict:
    """The hand-written NCT06737380 record; `changes` patch modules of protocolSection."""
    document = json.loads((RECORDED / "NCT06737380.json").read_text())
    for module, fields in changes.items():
        document["protocolSection"][module].update(fields)
    return document


def as_bytes(document) -> bytes:
    return json.dumps(document).encode()
