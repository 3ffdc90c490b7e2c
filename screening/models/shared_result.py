"""Results a patient chose to share with their doctor, as stored."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SharedResult(models.Model):
    """A copy of one patient's answers and verdicts, made only when they press "Share".

    Whoever has the link reads it until `expires_at`; the patient deletes it with a second
    token, of which only a SHA-256 hash is kept. Nothing else about the patient is stored: no
    address, browser or session. See screening.shared_results for the rules.
    """

    key = models.CharField(primary_key=True, max_length=64, editable=False)
    deletion_token_hash = models.CharField(max_length=64, editable=False)
    # [{"question": "How old are you?", "answer": "34 years"}, …] in the patient's words.
    answers = models.JSONField(default=list)
    # [{"trial": "NCT…", "title": "…", "verdict": "ask_doctor", "reasons": […],
    #   "checklist": […]}, …]: the first studies of each group, in the results page's order.
    verdicts = models.JSONField(default=list)
    # How many studies each verdict had, including those not stored.
    counts = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("shared result")
        verbose_name_plural = _("shared results")

    def __str__(self) -> str:
        # Never the key: it is the secret part of the link.
        return f"Shared result of {self.created_at:%Y-%m-%d}"
