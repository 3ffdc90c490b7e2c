"""Marking text that is not in the page's language: `<p{{ text|lang_attr }}>`."""

from __future__ import annotations

import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@register.filter
def lang_attr(text: object) -> str:
    """` lang="en"` for a trials.languages.Written shown in a language not the page's, else ""."""
    lang = getattr(text, "lang", "")
    return format_html(' lang="{}"', lang) if lang else ""


@register.simple_tag
def page_is_english() -> bool:
    """`{% page_is_english as english %}`: whether to say that registry text is English."""
    return (get_language() or "en").split("-")[0].lower() == "en"


@register.filter
def marked(text: object) -> SafeString:
    """The text, inside `<span lang="en">` where it is not in the page's language (all of it,
    or its English lead: trials.languages.Written)."""
    lang = getattr(text, "lang", "")
    if lang:
        return SafeString(f'<span lang="{escaped(lang)}">{escaped(text)}</span>')
    lead = getattr(text, "english_lead", 0)
    if lead:
        return SafeString(f'<span lang="en">{escaped(text[:lead])}</span>{escaped(text[lead:])}')
    return SafeString(escaped(text))


def escaped(text: object) -> str:
    """conditional_escape() without its check for lazy text (a results page escapes hundreds
    of strings): HTML marked safe as it is, anything else escaped as Django escapes it."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))
