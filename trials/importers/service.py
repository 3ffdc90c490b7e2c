"""Import registry files into trials: upsert by registry id, one transaction per file.

Entry points (the management command, the admin upload and the ClinicalTrials.gov refresh):

- ``import_file(source, name, *, publish=False)``: one file, given as bytes (an upload's
  ``.read()``), an uploaded file object, or a path.
- ``import_paths(paths, *, publish=False)``: files and folders (folders are walked for
  ``.json`` and ``.xml`` files).
- ``import_records(records, *, publish=False)``: records a reader already made.

Each returns an ``ImportResult``; nothing raises for a bad file. A re-import refreshes what the
registry owns (and the sites, contacts and researchers, matched by their content so that an
unchanged record changes nothing) and never touches what our editors wrote.

Each record imported sends ``trials.signals.trial_imported`` inside the file's transaction, so
that other apps (screening drafts criteria) do their part all or nothing with the record.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import DatabaseError, transaction
from django.db.models import Q

from trials.models import (
    Condition,
    Trial,
    eligibility_fingerprint,
)
from trials.signals import trial_imported

from .conditions import ConditionIndex, build_condition_index, map_conditions
from .documents import read_document
from .people import tidy_people
from .records import RecordError, TrialRecord
from .sites_and_people import fit, sync_sites_and_people

logger = logging.getLogger(__name__)

FILE_SUFFIXES = {".json", ".xml"}


@dataclass
class FileReport:
    """What happened to one file: the registry ids it created, updated or left alone, or why not."""

    name: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error

    def summary(self) -> str:
        if self.error:
            return f"{self.name}: FAILED, {self.error}"
        return (
            f"{self.name}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


@dataclass
class ImportResult:
    files: list[FileReport] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(len(report.created) for report in self.files)

    @property
    def updated(self) -> int:
        return sum(len(report.updated) for report in self.files)

    @property
    def unchanged(self) -> int:
        return sum(len(report.unchanged) for report in self.files)

    @property
    def failed(self) -> list[FileReport]:
        return [report for report in self.files if report.error]

    @property
    def errors(self) -> list[str]:
        """One line per failed file: "NCT01234567.json: not valid JSON at line 3, …"."""
        return [f"{report.name}: {report.error}" for report in self.failed]

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def registry_ids(self) -> list[str]:
        """Every trial this import wrote or confirmed, in file order."""
        return [
            registry_id
            for report in self.files
            for registry_id in (*report.created, *report.updated, *report.unchanged)
        ]

    def summary(self) -> str:
        return (
            f"{len(self.files)} files: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.failed)} failed"
        )


@dataclass
class ConditionCatalogue:
    """Our conditions, fetched once per import run."""

    index: ConditionIndex
    ids: dict[str, int]

    @classmethod
    def load(cls) -> ConditionCatalogue:
        conditions = list(Condition.objects.all())
        return cls(
            index=build_condition_index(conditions),
            ids={condition.slug: condition.pk for condition in conditions},
        )


# ---------------------------------------------------------------------------------------------
# Entry points


def import_file(
    source: bytes | str | Path | IO[bytes],
    name: str | None = None,
    *,
    publish: bool = False,
    catalogue: ConditionCatalogue | None = None,
) -> ImportResult:
    """Import one registry file, all of it or nothing of it.

    ``source`` is the file's bytes, a file object (Django's UploadedFile works), or a path;
    ``name`` is how messages name the file (an upload's ``.name``; a path names itself).
    """
    name = name or _name_of(source)
    try:
        content = _read_bytes(source)
    except OSError as error:
        return ImportResult([FileReport(name, error=f"could not be read ({error.strerror})")])
    try:
        records = read_document(content)
    except RecordError as error:
        return ImportResult([FileReport(name, error=str(error))])
    return import_records(records, publish=publish, name=name, catalogue=catalogue)


def import_paths(paths: Iterable[str | Path], *, publish: bool = False) -> ImportResult:
    """Import files and folders (recursively: their .json and .xml files), each on its own."""
    catalogue = ConditionCatalogue.load()
    result = ImportResult()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(
                found
                for found in path.rglob("*")
                if found.is_file()
                and found.suffix.lower() in FILE_SUFFIXES
                and not found.name.startswith(".")
            )
            if not files:
                result.files.append(FileReport(str(path), error="no .json or .xml files in it"))
        elif path.exists():
            files = [path]
        else:
            result.files.append(FileReport(str(path), error="no such file or folder"))
            continue
        for file in files:
            result.files.extend(import_file(file, publish=publish, catalogue=catalogue).files)
    return result


def import_records(
    records: Sequence[TrialRecord],
    *,
    publish: bool = False,
    name: str = "records",
    catalogue: ConditionCatalogue | None = None,
) -> ImportResult:
    """Upsert records in one transaction: if one cannot be saved, none of them is."""
    catalogue = catalogue or ConditionCatalogue.load()
    report = FileReport(name)
    try:
        with transaction.atomic():
            _upsert_all(records, publish=publish, catalogue=catalogue, report=report)
    except RecordError as error:
        report = FileReport(name, error=str(error))
    except DatabaseError as error:
        logger.exception("import of %s failed in the database", name)
        report = FileReport(name, error=f"could not be saved ({error})")
    return ImportResult([report])


def _name_of(source: Any) -> str:
    if isinstance(source, str | Path):
        return str(source)
    return str(getattr(source, "name", "") or "uploaded file")


def _read_bytes(source: bytes | str | Path | IO[bytes]) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    content = source.read()
    return content.encode() if isinstance(content, str) else content


# ---------------------------------------------------------------------------------------------
# Upsert


def _upsert_all(
    records: Sequence[TrialRecord],
    *,
    publish: bool,
    catalogue: ConditionCatalogue,
    report: FileReport,
) -> None:
    latest: dict[str, TrialRecord] = {}
    for record in records:
        if record.registry_id in latest:
            report.warnings.append(f"{record.registry_id} appears twice; the last one counts")
        latest[record.registry_id] = record
    appl_ids = [record.nih_appl_id for record in latest.values() if record.nih_appl_id]
    existing = list(
        Trial.objects.filter(Q(registry_id__in=list(latest)) | Q(nih_appl_id__in=appl_ids))
        .prefetch_related("sites", "contacts", "researchers", "conditions")
        .order_by()
    )
    by_registry_id = {trial.registry_id: trial for trial in existing}
    by_appl_id = {trial.nih_appl_id: trial for trial in existing if trial.nih_appl_id}
    for record in latest.values():
        tidy_people(record)
        # An NIH project first entered under its application id ("NIH-11159694") takes its
        # project number as registry id once RePORTER tells us what it is.
        trial = by_registry_id.get(record.registry_id) or by_appl_id.get(record.nih_appl_id)
        old_text = trial.eligibility_text if trial else None
        trial, outcome = _upsert(record, trial, publish=publish, catalogue=catalogue)
        _announce(trial, created=old_text is None, old_text=old_text)
        getattr(report, outcome).append(record.registry_id)
        report.warnings.extend(f"{record.registry_id}: {warning}" for warning in record.warnings)


def _announce(trial: Trial, *, created: bool, old_text: str | None) -> None:
    """Send trial_imported; a receiver's failure fails the file, naming the record."""
    changed = created or old_text != trial.eligibility_text
    try:
        trial_imported.send(sender=Trial, trial=trial, created=created, eligibility_changed=changed)
    except Exception as error:  # a receiver's bug must not leave half a file behind
        logger.exception("a trial_imported receiver failed for %s", trial.registry_id)
        raise RecordError(f"{trial.registry_id}: {error}") from error


NOT_OURS = "it matches none of our conditions"


def _upsert(
    record: TrialRecord, trial: Trial | None, *, publish: bool, catalogue: ConditionCatalogue
) -> tuple[Trial, str]:
    """Write one record; return the trial and "created", "updated" or "unchanged"."""
    fields = fit(Trial, _trial_fields(record))
    slugs: list[str] | None = None
    if record.registry_conditions is not None:
        match = map_conditions(record.registry_conditions, record.keywords, catalogue.index)
        fields["unmapped_conditions"] = match.unmapped
        slugs = match.slugs
    condition_ids = {catalogue.ids[slug] for slug in slugs} if slugs is not None else None
    # Without a registry condition list (RePORTER), specific keywords only add conditions.
    added_ids = (
        {catalogue.ids[slug] for slug in map_conditions([], record.keywords, catalogue.index).slugs}
        if slugs is None
        else set()
    )

    if publish and not (condition_ids or (trial and trial.conditions.all())):
        # --publish publishes what is about our conditions; the rest waits for an editor.
        publish = False
        record.warnings.append(f"not published: {NOT_OURS}")

    if trial is None:
        trial = Trial(registry_id=record.registry_id, published=publish, **fields)
        trial.save()
        if condition_ids or added_ids:
            trial.conditions.add(*(condition_ids or set()), *added_ids)
        sync_sites_and_people(trial, record, is_new=True)
        return trial, "created"

    changed = [name for name, value in fields.items() if getattr(trial, name) != value]
    if trial.registry_id != record.registry_id:
        changed.append("registry_id")
        trial.registry_id = record.registry_id
    if (
        "eligibility_text" in changed
        and trial.criteria_fingerprint
        and trial.criteria_fingerprint != eligibility_fingerprint(fields["eligibility_text"])
        and not trial.criteria_need_review
    ):
        trial.criteria_need_review = True
        changed.append("criteria_need_review")
    if publish and not trial.published:
        trial.published = True
        changed.append("published")
    for name in changed:
        if name in fields:
            setattr(trial, name, fields[name])

    conditions_changed = False
    current_ids = {condition.pk for condition in trial.conditions.all()}
    if condition_ids is not None and current_ids != condition_ids:
        trial.conditions.set(condition_ids)
        conditions_changed = True
    if added_ids - current_ids:
        trial.conditions.add(*(added_ids - current_ids))
        conditions_changed = True
    children_changed = sync_sites_and_people(trial, record, is_new=False)

    if not (changed or conditions_changed or children_changed):
        return trial, "unchanged"
    trial.save(update_fields=[*changed, "updated_at"])
    return trial, "updated"


def _trial_fields(record: TrialRecord) -> dict[str, Any]:
    """The registry-owned Trial fields. Editorial fields are deliberately not here."""
    fields: dict[str, Any] = {
        "kind": record.kind,
        "nih_appl_id": record.nih_appl_id,
        "org_study_id": record.org_study_id,
        "official_title": record.official_title,
        "brief_title": record.brief_title,
        "brief_summary": record.brief_summary,
        "status": record.status,
        "status_verified_on": record.status_verified_on,
        "phase": record.phase,
        "primary_purpose": record.primary_purpose,
        "sponsor": record.sponsor,
        "funding_mechanism": record.funding_mechanism,
        "enrollment": record.enrollment,
        "start_date": record.start_date,
        "completion_date": record.completion_date,
        "primary_completion_date": record.primary_completion_date,
        "keywords": record.keywords,
        "min_age_value": record.min_age[0] if record.min_age else None,
        "min_age_unit": record.min_age[1] if record.min_age else "",
        "max_age_value": record.max_age[0] if record.max_age else None,
        "max_age_unit": record.max_age[1] if record.max_age else "",
        "sex": record.sex,
        "healthy_volunteers": record.healthy_volunteers,
        "eligibility_text": record.eligibility_text,
        "source_url": record.source_url,
        "source_format": record.source_format,
        "registry_updated_on": record.registry_updated_on,
    }
    if record.registry_conditions is not None:
        fields["registry_conditions"] = record.registry_conditions
    return fields
