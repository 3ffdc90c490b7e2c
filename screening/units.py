"""Units of measure: canonical units, conversions, and the ways people and lab papers write them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Unit:
    code: str
    label: Any  # lazy translatable text
    dimension: str
    factor: float  # how many of the dimension's base unit one of this unit is
    aliases: tuple[str, ...] = ()


_WEEKS_PER_YEAR = 365.2425 / 7

UNITS: Final[dict[str, Unit]] = {
    unit.code: unit
    for unit in (
        Unit("years", gettext_lazy("years"), "age", 1.0, ("year", "yr", "yrs", "y")),
        Unit("kg", gettext_lazy("kg"), "mass", 1.0, ("kgs", "kilo", "kilos", "kilograms")),
        Unit("lb", gettext_lazy("pounds"), "mass", 0.45359237, ("lbs", "pound", "pounds")),
        Unit("st", gettext_lazy("stone"), "mass", 6.35029318, ("stone", "stones")),
        Unit("miles", gettext_lazy("miles"), "distance", 1.0, ("mile", "mi")),
        Unit("km", gettext_lazy("km"), "distance", 0.621371192, ("kilometers", "kilometres")),
        Unit(
            "mg/day",
            gettext_lazy("mg a day"),
            "daily_dose",
            1.0,
            ("mg", "mg/d", "mg a day", "mg per day", "mg daily", "milligrams"),
        ),
        Unit(
            "mL/min/1.73m²",
            gettext_lazy("mL/min/1.73m²"),
            "filtration",
            1.0,
            ("ml/min/1.73m2", "ml/min/1.73 m2", "ml/min/1.73 m²", "ml/min", "ml/min/m2"),
        ),
        Unit("mg/mg", gettext_lazy("mg/mg"), "protein_ratio", 1.0, ("g/g",)),
        Unit("mg/g", gettext_lazy("mg/g"), "protein_ratio", 0.001, ()),
        # 1 mmol of creatinine weighs 113.12 mg.
        Unit("mg/mmol", gettext_lazy("mg/mmol"), "protein_ratio", 1 / 113.12, ()),
        Unit("points", gettext_lazy("points"), "score", 1.0, ("point", "pts")),
        Unit("weeks", gettext_lazy("weeks"), "duration", 1.0, ("week", "wk", "wks", "w")),
        Unit("days", gettext_lazy("days"), "duration", 1 / 7, ("day", "d")),
        Unit(
            "months",
            gettext_lazy("months"),
            "duration",
            _WEEKS_PER_YEAR / 12,
            ("month", "mo", "mos"),
        ),
        Unit("duration_years", gettext_lazy("years"), "duration", _WEEKS_PER_YEAR, ()),
        Unit("kg/m²", gettext_lazy("kg/m²"), "body_mass_index", 1.0, ("kg/m2", "kg/m^2")),
        Unit("%", gettext_lazy("%"), "percent", 1.0, ("percent", "pct")),
        Unit("g/dL", gettext_lazy("g/dL"), "hemoglobin", 1.0, ("g/dl", "gm/dl", "g/100ml")),
        Unit("g/L", gettext_lazy("g/L"), "hemoglobin", 0.1, ("g/l", "gm/l")),
        # Blood cells per litre; "×10³/µL" (thousands per microliter) is the same number,
        # and how US lab reports print it ("150 K/µL"), so that is what patients read, in
        # words (drafted reasons and "You said" alike).
        Unit(
            "×10⁹/L",
            gettext_lazy("thousand per microliter"),
            "blood_cells",
            1.0,
            ("x10^9/l", "10^9/l", "g/l", "gi/l", "x10^3/µl", "10^3/µl", "k/µl", "thou/µl"),
        ),
        Unit(
            "/µL",
            gettext_lazy("per microliter"),
            "blood_cells",
            0.001,
            ("/ul", "/µl", "/mcl", "per µl", "per microliter", "cells/µl", "/mm3", "/mm³"),
        ),
    )
}

# Duration questions accept "2 years" too: the word "years" belongs to ages otherwise.
DURATION_WORDS = {"year": "duration_years", "years": "duration_years", "yr": "duration_years"}


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a number between two units of the same kind (pounds to kg, months to weeks)."""
    source, target = UNITS[from_unit], UNITS[to_unit]
    if source.dimension != target.dimension:
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    return value * source.factor / target.factor


_UNIT_REWRITES = (
    ("percent", "%"),
    ("cells", ""),
    ("cell", ""),
    ("×", "x"),
    ("mm³", "mm3"),
    ("m²", "m2"),
    ("⁹", "^9"),
    ("³", "^3"),
    ("10*9", "10^9"),
    ("10e9", "10^9"),
    ("10(9)", "10^9"),
    ("10*3", "10^3"),
    ("10e3", "10^3"),
    ("10(3)", "10^3"),
    ("x109/", "x10^9/"),
    ("x103/", "x10^3/"),
    ("m(2)", "m2"),
    ("per", "/"),
    ("microliters", "µl"),
    ("microliter", "µl"),
    ("microlitre", "µl"),
    ("mcl", "µl"),
    ("/ul", "/µl"),
    ("cubicmillimeter", "mm3"),
    ("cumm", "mm3"),
    ("mm3", "µl"),
    ("//", "/"),
)


def unit_key(written: str) -> str:
    """One spelling for the many ways a unit is written ("x 10^9 cells/L" → "x10^9/l")."""
    key = re.sub(r"\s+", "", written.lower().replace("μ", "µ"))
    for old, new in _UNIT_REWRITES:
        key = key.replace(old, new)
    # "80,000 mm3" and "100,000 microliters": per cubic millimetre.
    return "/" + key if key.startswith("µl") else key
