"""Questions as plain data: answers parsed and validated, shared by the flow and `screen`.

Pure: no ORM, no request. Every answer is turned into its question's canonical form here
(numbers in the canonical unit, yes/no as bool, dates as "YYYY-MM-DD" or "YYYY-MM"), or
refused with a message a person can act on.
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from screening.units import DURATION_WORDS, UNITS, convert, unit_key

# The answer "I'm not sure". A plain string so answers stay JSON (sessions, the command).
NOT_SURE: Final = "not_sure"
# The extra answer a date question may offer ("I have never had one").
NEVER: Final = "never"


class QuestionType(TextChoices):
    """How a question is answered; staff pick one in the admin (screening.models.Question)."""

    YES_NO = "yes_no", gettext_lazy("Yes or no")
    NUMBER = "number", gettext_lazy("Number")
    SINGLE_CHOICE = "single_choice", gettext_lazy("Choose one")
    MULTIPLE_CHOICE = "multiple_choice", gettext_lazy("Choose any")
    DATE = "date", gettext_lazy("Month and year")
    TEXT = "text", gettext_lazy("Short text (postal code)")


class Operator:
    EQ = "eq"
    NE = "ne"
    IN = "in"
    GTE = "gte"
    GT = "gt"
    LTE = "lte"
    LT = "lt"
    BETWEEN = "between"
    WITHIN_LAST = "within_last"


# Which operators make sense for which type of question.
OPERATORS_BY_TYPE: Final = {
    QuestionType.YES_NO: (Operator.EQ,),
    QuestionType.NUMBER: (
        Operator.EQ,
        Operator.GTE,
        Operator.GT,
        Operator.LTE,
        Operator.LT,
        Operator.BETWEEN,
    ),
    QuestionType.SINGLE_CHOICE: (Operator.EQ, Operator.NE, Operator.IN),
    # `in` on a multiple choice: at least one of the listed values was chosen.
    QuestionType.MULTIPLE_CHOICE: (Operator.IN,),
    QuestionType.DATE: (Operator.WITHIN_LAST,),
    QuestionType.TEXT: (),
}

WINDOW_UNITS: Final = ("days", "weeks", "months", "years")


@dataclass(frozen=True)
class QuestionSpec:
    """What the rules need to know about one question (built from screening.models.Question)."""

    key: str
    type: str
    unit: str = ""
    alternative_units: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    whole_number: bool = False
    choices: tuple[str, ...] = ()
    choice_labels: Mapping[str, str] = field(default_factory=dict)
    offers_not_sure: bool = False
    depends_on: str = ""
    depends_on_values: tuple[Any, ...] = ()
    position: int = 0
    confirmed_by: str = "patient"  # or "doctor": lab values and scores, asked after the rest


class AnswerError(ValueError):
    """An answer we cannot use; the message is meant for the person who gave it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def accepted_units(spec: QuestionSpec) -> tuple[str, ...]:
    return tuple(code for code in (spec.unit, *spec.alternative_units) if code)


def resolve_unit(spec: QuestionSpec, written: str) -> str | None:
    """Which accepted unit a person meant by `written` ("lbs", "Months", "K/uL"), or None.

    Compared as unit_key() spells units, so lab papers' "x10E3/uL", "10³/µL" and "K/mcL" are
    the same unit, as "kg / m2" is "kg/m²".
    """
    word = " ".join(written.strip().lower().split())
    if not word:
        return spec.unit or None
    accepted = accepted_units(spec)
    if word in DURATION_WORDS and DURATION_WORDS[word] in accepted:
        return DURATION_WORDS[word]
    wanted = unit_key(word)
    for code in accepted:
        unit = UNITS[code]
        if wanted in {unit_key(name) for name in (code, str(unit.label), *unit.aliases)}:
            return code
    return None


_THOUSANDS = r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"  # 250,000 and 1,234.5
_NUMBER_WITH_UNIT = re.compile(rf"^\s*({_THOUSANDS}|[-+]?\d+(?:[.,]\d+)?|[-+]?[.,]\d+)\s*(.*?)\s*$")
# A blood count written in full (250000 platelets) is per µL: no one has that many ×10⁹/L.
_FULL_COUNT_UNIT = "/µL"


def parse_number(spec: QuestionSpec, raw: Any, unit: str | None = None) -> float:
    """A number in the question's canonical unit from 25, "25", "150 lb" or {"value", "unit"}."""
    if isinstance(raw, Mapping):
        if set(raw) - {"value", "unit"} or "value" not in raw:
            raise AnswerError(spec.key, _("Give a number, with its unit if you like."))
        return parse_number(spec, raw["value"], str(raw.get("unit") or "") or unit)
    written_unit = unit or ""
    if isinstance(raw, bool) or raw is None:
        raise AnswerError(spec.key, _("Please enter a number."))
    if isinstance(raw, int | float):
        number = float(raw)
    elif isinstance(raw, str):
        match = _NUMBER_WITH_UNIT.match(raw)
        if not match:
            raise AnswerError(spec.key, _("Please enter a number, such as 12."))
        written = match.group(1)
        if re.fullmatch(_THOUSANDS, written):
            number = float(written.replace(",", ""))
        else:
            number = float(written.replace(",", "."))  # 70,5 is 70.5
        if match.group(2):
            if unit:
                raise AnswerError(spec.key, _("Please give the unit only once."))
            written_unit = match.group(2)
    else:
        raise AnswerError(spec.key, _("Please enter a number."))
    if not math.isfinite(number):
        raise AnswerError(spec.key, _("Please enter a number, such as 12."))
    code = resolve_unit(spec, written_unit)
    if code is None:
        names = ", ".join(str(UNITS[c].label) for c in accepted_units(spec)) or _("no unit")
        raise AnswerError(
            spec.key,
            _("We do not know the unit “%(unit)s” here. You can use: %(units)s.")
            % {"unit": written_unit.strip(), "units": names},
        )
    if code == spec.unit and not (isinstance(raw, str) and match.group(2)):
        code = _full_count_unit(spec, number) or code
    if spec.unit and code != spec.unit:
        number = convert(number, code, spec.unit)
    return _check_range(spec, round(number, 3))


def _full_count_unit(spec: QuestionSpec, number: float) -> str | None:
    """ "/µL" for a blood count written in full with no unit typed (250000, 250,000) when it
    cannot be in the canonical ×10⁹/L but fits per µL."""
    if _FULL_COUNT_UNIT not in spec.alternative_units or spec.max_value is None:
        return None
    if number <= spec.max_value:
        return None
    per_litre = convert(number, _FULL_COUNT_UNIT, spec.unit)
    low = spec.min_value if spec.min_value is not None else 0
    return _FULL_COUNT_UNIT if low <= per_litre <= spec.max_value else None


def _check_range(spec: QuestionSpec, number: float) -> float:
    unit = str(UNITS[spec.unit].label) if spec.unit else ""
    if spec.min_value is not None and number < spec.min_value:
        raise AnswerError(
            spec.key,
            _("Please enter %(min)s %(unit)s or more.")
            % {"min": format_number(spec.min_value), "unit": unit},
        )
    if spec.max_value is not None and number > spec.max_value:
        raise AnswerError(
            spec.key,
            _("Please enter %(max)s %(unit)s or less.")
            % {"max": format_number(spec.max_value), "unit": unit},
        )
    if spec.whole_number and number != int(number):
        raise AnswerError(spec.key, _("Please enter a whole number, such as 42."))
    return int(number) if number == int(number) else number


def format_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def parse_yes_no(spec: QuestionSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _YES:
        return True
    if isinstance(raw, str) and raw.strip().lower() in _NO:
        return False
    raise AnswerError(spec.key, _("Please answer yes or no."))


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def date_bounds(answer: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a date answer can mean ("2025-03" is all of March)."""
    match = _DATE.match(answer)
    if not match:
        raise ValueError(f"not a date answer: {answer!r}")
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    if day:
        exact = datetime.date(year, month, int(day))
        return exact, exact
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def parse_date(spec: QuestionSpec, raw: Any, today: datetime.date | None) -> str:
    if raw == NEVER and NEVER in spec.choices:
        return NEVER
    if isinstance(raw, str):
        try:
            first, _last = date_bounds(raw.strip())
        except ValueError:
            pass
        else:
            if first.year < 1900:
                raise AnswerError(spec.key, _("Please check the year."))
            if today is not None and first > today:
                raise AnswerError(spec.key, _("Please give a date that is not in the future."))
            return raw.strip()
    raise AnswerError(
        spec.key,
        _("Please give a month and year, such as 2025-03, or a full date such as 2025-03-14."),
    )


_POSTAL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$")


def parse_answer(spec: QuestionSpec, raw: Any, *, unit: str | None = None, today=None) -> Any:
    """One answer in canonical form, NOT_SURE, or AnswerError with a message for the person."""
    if raw == NOT_SURE:
        if spec.offers_not_sure:
            return NOT_SURE
        raise AnswerError(spec.key, _("Please choose one of the answers."))
    if spec.type == QuestionType.YES_NO:
        return parse_yes_no(spec, raw)
    if spec.type == QuestionType.NUMBER:
        return parse_number(spec, raw, unit)
    if spec.type == QuestionType.SINGLE_CHOICE:
        if isinstance(raw, str) and raw in spec.choices:
            return raw
        raise AnswerError(spec.key, _("Please choose one of the answers."))
    if spec.type == QuestionType.MULTIPLE_CHOICE:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, Sequence) or not all(isinstance(item, str) for item in raw):
            raise AnswerError(spec.key, _("Please choose from the list."))
        unknown = [item for item in raw if item not in spec.choices]
        if unknown:
            raise AnswerError(
                spec.key,
                _("“%(value)s” is not one of the choices.") % {"value": unknown[0]},
            )
        return list(dict.fromkeys(raw))
    if spec.type == QuestionType.DATE:
        return parse_date(spec, raw, today)
    if spec.type == QuestionType.TEXT:
        if isinstance(raw, str) and _POSTAL_CODE.match(raw.strip()):
            return raw.strip().upper()
        raise AnswerError(spec.key, _("Please enter a postal code, such as 29425."))
    raise AnswerError(spec.key, _("We cannot use this answer."))


def parse_answers(
    raw: Mapping[str, Any],
    questions: Mapping[str, QuestionSpec],
    *,
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """All answers in canonical form; unknown keys and bad values raise AnswerErrors together."""
    if not isinstance(raw, Mapping):
        raise AnswersError([AnswerError("", _("Answers must be a set of key and value pairs."))])
    answers: dict[str, Any] = {}
    errors: list[AnswerError] = []
    for key, value in raw.items():
        spec = questions.get(key)
        if spec is None:
            errors.append(AnswerError(key, _("There is no question called “%s”.") % key))
            continue
        try:
            answers[key] = parse_answer(spec, value, today=today)
        except AnswerError as error:
            errors.append(error)
    if errors:
        raise AnswersError(errors)
    return answers


class AnswersError(ValueError):
    def __init__(self, errors: list[AnswerError]) -> None:
        super().__init__("; ".join(f"{error.key}: {error.message}" for error in errors))
        self.errors = errors


class Dependent(Protocol):
    """A question that may hang on an earlier answer (a QuestionSpec, or the engine's view)."""

    depends_on: str
    depends_on_values: Sequence[Any]


def is_applicable(spec: Dependent, answers: Mapping[str, Any]) -> bool:
    """True when the question may be asked: its earlier question was answered as it needs."""
    if not spec.depends_on:
        return True
    if spec.depends_on not in answers:
        return False
    return answer_matches(answers[spec.depends_on], spec.depends_on_values)


def answer_matches(answer: Any, values: Sequence[Any]) -> bool:
    if isinstance(answer, list):
        return any(item in values for item in answer)
    return answer in values


def clean_criterion_value(spec: QuestionSpec, operator: str, value: Any) -> Any:
    """A criterion's value in canonical form for its question; ValueError says what is wrong."""
    allowed = OPERATORS_BY_TYPE.get(spec.type, ())
    if operator not in allowed:
        names = ", ".join(allowed) or "none"
        raise ValueError(
            _("“%(operator)s” does not work with this question. Use one of: %(names)s.")
            % {"operator": operator, "names": names}
        )
    if operator == Operator.WITHIN_LAST:
        if (
            not isinstance(value, Mapping)
            or set(value) != {"amount", "unit"}
            or value["unit"] not in WINDOW_UNITS
            or isinstance(value["amount"], bool)
            or not isinstance(value["amount"], int)
            or value["amount"] <= 0
        ):
            raise ValueError(
                _(
                    'Write the time window like {"amount": 12, "unit": "months"} '
                    "(unit: days, weeks, months or years)."
                )
            )
        return dict(value)
    if operator == Operator.BETWEEN:
        if not isinstance(value, list) or len(value) != 2:
            raise ValueError(_("Write the range as a list of two numbers, such as [18, 75]."))
        low, high = (_criterion_scalar(spec, item) for item in value)
        if low > high:
            raise ValueError(_("The first number of the range must not be above the second."))
        return [low, high]
    if operator == Operator.IN:
        if not isinstance(value, list) or not value:
            raise ValueError(_('Write the values as a list, such as ["sle", "lupus-nephritis"].'))
        return [_criterion_scalar(spec, item) for item in value]
    return _criterion_scalar(spec, value)


def _criterion_scalar(spec: QuestionSpec, value: Any) -> Any:
    if spec.type == QuestionType.YES_NO:
        if not isinstance(value, bool):
            raise ValueError(_("Write true (yes) or false (no)."))
        return value
    if spec.type == QuestionType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(
                _("Write a number in %(unit)s.") % {"unit": UNITS[spec.unit].label}
                if spec.unit
                else _("Write a number.")
            )
        return value
    if spec.choices and value not in spec.choices:
        raise ValueError(
            _("“%(value)s” is not one of this question's choices: %(choices)s.")
            % {"value": value, "choices": ", ".join(spec.choices)}
        )
    if not isinstance(value, str):
        raise ValueError(_("Write one of this question's choices."))
    return value
