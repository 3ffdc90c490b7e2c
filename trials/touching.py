"""A trial's `updated_at` moves when its conditions, sites or contacts change, not only when it
is saved.

Public pages' versions read the newest `updated_at` from an index (trials.freshness), so every
change to what a trial shows must move it: saving the trial does, and these receivers cover
the parts saved on their own.
Bulk writes that send no signal (`bulk_create`, `QuerySet.update`) move it themselves.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from trials.models import Contact, Site, Trial


def touch(trial_ids) -> None:
    Trial.objects.filter(pk__in=trial_ids).update(updated_at=timezone.now())


def conditions_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not reverse:  # trial.conditions.add(…), .remove(…), .set(…), .clear()
        if action in ("post_add", "post_remove", "post_clear"):
            touch([instance.pk])
    elif action in ("post_add", "post_remove"):  # condition.trials.add(…): the trials named
        touch(pk_set)
    elif action == "pre_clear":  # condition.trials.clear(): its trials, while they are linked
        touch(list(instance.trials.values_list("pk", flat=True)))


def part_changed(sender, instance: Site | Contact, raw: bool = False, **kwargs) -> None:
    """A site or contact saved or deleted on its own: pages and result cards show both."""
    if not raw:  # fixtures bring their own updated_at
        touch([instance.trial_id])


def connect() -> None:
    m2m_changed.connect(
        conditions_changed, sender=Trial.conditions.through, dispatch_uid="trials_touch_conditions"
    )
    for part in (Site, Contact):
        name = part._meta.model_name
        post_save.connect(part_changed, sender=part, dispatch_uid=f"trials_touch_{name}_saved")
        post_delete.connect(part_changed, sender=part, dispatch_uid=f"trials_touch_{name}_deleted")
