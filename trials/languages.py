"""Staff-written text in the page's language: the Spanish field, else the English marked as such.

We keep plain `_es` fields beside the English (`wording` / `wording_es`) rather than
django-modeltranslation: we serve two languages only; a page must know when the Spanish is
missing, to show the English with `lang="en"` and say so, where modeltranslation's fallback
hides it; there is no patched manager or field descriptor to learn; and the caches of
screening.loading hold plain data, both languages side by side. A third language would be the
time to look again.
"""

from __future__ import annotations

from django.utils.translation import get_language

SPANISH = "es"
ENGLISH = "en"


def page_is_spanish(language: str | None = None) -> bool:
    """Whether `language` (default: the active one) is Spanish, in any regional form."""
    language = get_language() if language is None else language
    return (language or "").split("-")[0].lower() == SPANISH


class Written(str):
    """A text as a page shows it; `lang` is "en" when a Spanish page has only the English.

    A str, so it goes wherever the text went before; templates add `lang="en"` from it
    (the `lang_attr` and `marked` filters in trials/templatetags/languages.py).
    `english_lead` counts the leading characters that are English when only they are: staff
    English followed by our own Spanish words ("… Su médico puede revisarlo.").
    """

    lang: str = ""
    english_lead: int = 0

    def __new__(cls, text: str, lang: str = "", english_lead: int = 0) -> Written:
        written = super().__new__(cls, text)
        written.lang = lang
        written.english_lead = 0 if lang else english_lead
        return written

    def __reduce__(self):
        return (Written, (str(self), self.lang, self.english_lead))

    def then(self, *more: str) -> Written:
        """This text followed by `more` (in the page's language), keeping what is English."""
        rest = " ".join(part for part in more if part)
        if not rest:
            return self
        lead = len(self) if self.lang else self.english_lead
        return Written(f"{self} {rest}" if self else rest, english_lead=lead)


def in_page_language(english: str, spanish: str = "", *, language: str | None = None) -> Written:
    """The Spanish on a Spanish page when staff wrote it, else the English (marked there)."""
    english = english or ""
    if not page_is_spanish(language):
        return Written(english)
    if spanish and spanish.strip():
        return Written(spanish)
    return Written(english, ENGLISH if english else "")
