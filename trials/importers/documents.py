"""Turn the bytes of a registry file into trial records: sniff the format, unwrap pages, read."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

from .ctgov_classic import read_classic_study
from .ctgov_v2 import read_v2_study
from .ctgov_xml import read_clinical_study
from .records import RecordError, TrialRecord
from .reporter import read_reporter_project
from .sanitise import sanitise_record

logger = logging.getLogger(__name__)

JSON_FORMATS = "a ClinicalTrials.gov study (API v2 or classic), an API page, or a RePORTER project"


def read_document(content: bytes | str) -> list[TrialRecord]:
    """Every trial in one file. Raises RecordError, naming the problem, if any of it is unreadable.

    The format comes from the content, never the file name: JSON or XML, then the keys or the
    root element say which registry wrote it.
    """
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RecordError(f"not UTF-8 text (bad byte at position {error.start})") from None
    else:
        text = content
    start = text.lstrip()[:1]
    if start in ("{", "["):
        readings = list(_json_records(_parse_json(text)))
    elif start == "<":
        readings = list(_xml_records(_parse_xml(text)))
    elif not start:
        raise RecordError("the file is empty")
    else:
        raise RecordError("unknown format: neither JSON nor XML")
    if not readings:
        raise RecordError("no trial records found in the file")
    records = []
    for number, (reader, document) in enumerate(readings, start=1):
        records.append(_read(reader, document, number, len(readings)))
    return records


def _read(reader: Callable[[Any], TrialRecord], document: Any, number: int, total: int):
    where = f"record {number}: " if total > 1 else ""
    try:
        return sanitise_record(reader(document))
    except RecordError as error:
        raise RecordError(f"{where}{error}") from None
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        # A shape our reader did not expect: that is on us, so log it, and name the record.
        logger.exception("registry record %s not in the expected shape", number)
        raise RecordError(f"{where}not in the expected shape ({error})") from None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(
            f"not valid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
        ) from None
    except RecursionError:
        raise RecordError("not valid JSON: nested too deeply") from None


def _parse_xml(text: str) -> Element:
    try:
        return parse_xml(text.encode("utf-8"))
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":")[0]
        raise RecordError(f"not valid XML at line {line}, column {column + 1} ({reason})") from None
    except DefusedXmlException:
        raise RecordError("XML declares entities or a DTD, which we refuse for safety") from None


Reading = tuple[Callable[[Any], TrialRecord], Any]


def _json_records(document: Any) -> Iterator[Reading]:
    if isinstance(document, list):
        for item in document:
            yield from _json_records(item)
        return
    if not isinstance(document, dict):
        raise RecordError(f"unknown format: expected {JSON_FORMATS}")
    if "protocolSection" in document:
        yield read_v2_study, document
    elif "ProtocolSection" in document or "ProtocolSection" in _dict(document.get("Study")):
        yield read_classic_study, document
    elif "FullStudiesResponse" in document or "FullStudies" in document:
        page = _dict(document.get("FullStudiesResponse", document))
        for item in _list(page.get("FullStudies"), "FullStudies"):
            yield from _json_records(item)
    elif "studies" in document:
        for item in _list(document["studies"], "studies"):
            yield from _json_records(item)
    elif "results" in document:
        for item in _list(document["results"], "results"):
            yield from _json_records(item)
    elif "project_num" in document or "appl_id" in document:
        yield read_reporter_project, document
    else:
        keys = ", ".join(list(document)[:5]) or "none"
        raise RecordError(f"unknown format: expected {JSON_FORMATS} (found keys: {keys})")


def _xml_records(root: Element) -> Iterator[Reading]:
    if root.tag == "clinical_study":
        yield read_clinical_study, root
        return
    studies = root.findall("clinical_study")
    if not studies:
        raise RecordError(f"unknown format: XML <{root.tag}> is not a <clinical_study> record")
    for study in studies:
        yield read_clinical_study, study


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise RecordError(f"unknown format: {key!r} is not a list")
    return value
