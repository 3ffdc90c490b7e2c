"""Registry text unescaped once: markdown escapes, entities escaped twice, emphasis marks."""

import pytest

from trials.registry_text import unescape_registry_text


@pytest.mark.parametrize(
    ("registered", "shown"),
    [
        (r"Age \>= 18 years", "Age >= 18 years"),
        (r"BMI \< 40 kg/m2", "BMI < 40 kg/m2"),
        (r"\[hydroxychloroquine \<= 400 mg daily\]", "[hydroxychloroquine <= 400 mg daily]"),
        (r"\* not a bullet", "* not a bullet"),
        ("if &amp;lt; 18 years of age", "if < 18 years of age"),
        (r"if \&lt; 18 years of age", "if < 18 years of age"),
        ("&amp;amp;gt;= 2 g/day", ">= 2 g/day"),
        ("**Key** inclusion criteria", "Key inclusion criteria"),
        ("Crohn's disease & colitis, 5 < x", "Crohn's disease & colitis, 5 < x"),
        ("", ""),
    ],
)
def test_unescape_registry_text(registered, shown):
    assert unescape_registry_text(registered) == shown


def test_unescaping_plain_text_changes_nothing():
    plain = "Hemoglobin < 9 g/dL; eGFR >= 30 mL/min/1.73 m² [by CKD-EPI]"
    assert unescape_registry_text(unescape_registry_text(plain)) == plain
