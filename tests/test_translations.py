"""The Spanish catalogue is whole: every string the code marks has Spanish in
locale/es/LC_MESSAGES/django.po, none is fuzzy or empty, and each keeps its placeholders.

The marked strings are read from the code here (Babel's Python extractor, templates through
Django's own templatize, as makemessages feeds xgettext), so a string marked without running
`make messages` fails too, and no GNU gettext is needed.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
# What makemessages reads (the Makefile's `messages`): our apps, the project and the templates.
SOURCES = ("findatrial", "trials", "screening", "templates")
# Django's marking functions, as makemessages passes them to xgettext.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_noop": None,
    "gettext_lazy": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# %(name)s and %(count)d, bare %s and %d, and {name}; "%%" is a percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def marked_in_code() -> dict[tuple[str | None, str], str]:
    """Every marked msgid (with its context) the code holds, and the first file holding it."""
    found: dict[tuple[str | None, str], str] = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix == ".py":
                source = path.read_bytes()
            elif path.suffix in {".html", ".txt"}:
                text = path.read_text(encoding="utf-8")
                # templatize keeps each line's place, not Python's indentation: Babel's
                # tokenizer needs the lines flush left (xgettext does not care).
                code = templatize(text, origin=str(path))
                source = "\n".join(line.lstrip() for line in code.splitlines()).encode()
            else:
                continue
            for _line, message, _comments, context in extract(
                "python", BytesIO(source), keywords=KEYWORDS
            ):
                msgid = message[0] if isinstance(message, tuple) else message
                if msgid:
                    found.setdefault((context, msgid), str(path.relative_to(ROOT)))
    return found


def catalogue():
    with CATALOGUE.open("rb") as source:
        return read_po(source)


def placeholders(text: str) -> list[str]:
    return sorted(found for found in PLACEHOLDER.findall(text) if found != "%%")


def test_every_marked_string_is_in_the_spanish_catalogue():
    catalogue_ids = {(message.context, _msgid(message)) for message in catalogue() if message.id}

    missing = [
        f"{where}: {msgid!r}"
        for (context, msgid), where in marked_in_code().items()
        if (context, msgid) not in catalogue_ids
    ]

    assert not missing, (
        "Marked strings missing from the Spanish catalogue (run `make messages`, then "
        "translate):\n" + "\n".join(missing)
    )


def test_every_entry_has_spanish_and_none_is_fuzzy():
    untranslated = [
        f"{'fuzzy' if message.fuzzy else 'empty'}: {_msgid(message)!r}"
        for message in catalogue()
        if message.id and (message.fuzzy or not _all_forms(message))
    ]

    assert not untranslated, "Entries without Spanish:\n" + "\n".join(untranslated)


def test_every_translation_keeps_its_placeholders():
    wrong = []
    for message in catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # Each plural form carries the plural msgid's placeholders (Spanish's "one" form may
        # say "1" in words only where English does: compare with the plural's, then the one's).
        wanted = [placeholders(text) for text in ids]
        for form, text in enumerate(strings):
            if text and placeholders(text) not in wanted:
                wrong.append(f"{ids[0]!r} form {form}: {text!r}")

    assert not wrong, "Placeholders differ between English and Spanish:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("english", "spanish", "same"),
    [
        ("Until %(date)s", "Hasta el %(date)s", True),
        ("Until %(date)s", "Hasta el %(fecha)s", False),
        ("%d study", "%s estudio", False),
        ("{count} left", "quedan {count}", True),
        ("100%% sure", "100%% seguro", True),
    ],
)
def test_placeholders_are_compared_by_name_and_kind(english, spanish, same):
    assert (placeholders(english) == placeholders(spanish)) is same


def _msgid(message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def _all_forms(message) -> bool:
    if isinstance(message.string, tuple):
        return all(message.string)
    return bool(message.string)
