"""The one plain sentence a patient reads for a drafted criterion (8th-grade English, gettext)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from screening.questions import UNITS, Operator, format_number

from .vocabulary import Concept

# Units patients do not need to see beside the number ("an eGFR of 30").
_QUIET_UNITS = {"points", "mL/min/1.73m²"}


def _amount(value: float, unit: str) -> str:
    if not unit or unit in _QUIET_UNITS:
        return format_number(value)
    label = str(UNITS[unit].label)
    return f"{format_number(value)}{label}" if unit == "%" else f"{format_number(value)} {label}"


def _window(value: dict[str, Any]) -> str:
    amount, unit = value["amount"], value["unit"]
    names = {
        "days": ngettext("%(n)s day", "%(n)s days", amount),
        "weeks": ngettext("%(n)s week", "%(n)s weeks", amount),
        "months": ngettext("%(n)s month", "%(n)s months", amount),
        "years": ngettext("%(n)s year", "%(n)s years", amount),
    }
    return names[unit] % {"n": amount}


def number_reason(concept: Concept, kind: str, operator: str, value: Any) -> str:
    thing = _(concept.reason) if concept.reason else concept.key
    if operator == Operator.BETWEEN:
        words = {
            "thing": thing,
            "low": _amount(value[0], concept.unit),
            "high": _amount(value[1], concept.unit),
        }
        if kind == "inclusion":
            return _("This study needs %(thing)s between %(low)s and %(high)s.") % words
        return (
            _("This study does not take people with %(thing)s between %(low)s and %(high)s.")
            % words
        )
    words = {"thing": thing, "value": _amount(value, concept.unit)}
    if kind == "inclusion":
        sentences = {
            Operator.GTE: _("This study needs %(thing)s of %(value)s or more."),
            Operator.GT: _("This study needs %(thing)s above %(value)s."),
            Operator.LTE: _("This study needs %(thing)s of %(value)s or less."),
            Operator.LT: _("This study needs %(thing)s below %(value)s."),
        }
    else:
        sentences = {
            Operator.GTE: _("This study does not take people with %(thing)s of %(value)s or more."),
            Operator.GT: _("This study does not take people with %(thing)s above %(value)s."),
            Operator.LTE: _("This study does not take people with %(thing)s of %(value)s or less."),
            Operator.LT: _("This study does not take people with %(thing)s below %(value)s."),
        }
    return sentences[operator] % words


def reason(concept: Concept, kind: str, operator: str, value: Any) -> str:
    """ "This study needs a kidney test (eGFR) of 30 or more." and the like."""
    thing = _(concept.reason) if concept.reason else concept.key
    if operator == Operator.WITHIN_LAST:
        words = {"thing": thing, "time": _window(value)}
        if kind == "inclusion":
            return _("This study needs people who had %(thing)s in the last %(time)s.") % words
        return _("This study does not take people who had %(thing)s in the last %(time)s.") % words
    if operator == Operator.EQ and isinstance(value, bool):
        if kind == "inclusion":
            return _("This study needs %(thing)s.") % {"thing": thing}
        return _("This study does not take %(thing)s.") % {"thing": thing}
    return number_reason(concept, kind, operator, value)


def reason_in_spanish(concept: Concept, kind: str, operator: str, value: Any) -> str:
    """The same sentence in Spanish, from the thing's Spanish words (terms "reason_es") and the
    Spanish catalogue; "" when either is missing, and Spanish pages show the English, marked.

    Made when the draft is, and stored with it (Criterion.reason_es): drafting again after the
    catalogue or the words change brings it up to date.
    """
    if not concept.reason_es:
        return ""
    with translation.override("es"):
        sentence = reason(replace(concept, reason=concept.reason_es), kind, operator, value)
    # Every sentence above starts so in English: the catalogue has no Spanish for it yet.
    return "" if sentence.startswith("This study") else sentence
