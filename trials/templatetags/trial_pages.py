"""Small template helpers for the public trial pages: values in words a patient can read."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trials.models import Phase, Site, Trial
from trials.names import tidy_capitals
from trials.selectors import first_places

register = template.Library()

PHASE_MEANINGS = {
    Phase.EARLY_PHASE_1: _("a very small first test in people"),
    Phase.PHASE_1: _("a first test in a small group, mainly to check safety and dose"),
    Phase.PHASE_1_2: _("checks safety first, then starts to check whether it helps"),
    Phase.PHASE_2: _("checks whether it helps, and keeps checking safety"),
    Phase.PHASE_2_3: _("checks whether it helps, then compares it in a larger group"),
    Phase.PHASE_3: _("compares it with usual care in a larger group"),
    Phase.PHASE_4: _("follows a treatment that is already approved"),
}

register.filter("tidy_caps", tidy_capitals)


@register.simple_tag
def phone_link(contact) -> SafeString:
    """A phone to tap, for a contact with a readable phone (contact.tel_href): the number as
    its country writes it, the country named when it is not the patient's; the link dials it
    in full (E.164, with the extension). Our words are trusted as {% blocktranslate %} trusts
    them; the values in them are escaped."""
    words = gettext("Call %(phone)s") % {"phone": conditional_escape(contact.phone_display)}
    extension = contact.dialable.extension
    if extension:
        words += " " + gettext("extension %(ext)s") % {"ext": conditional_escape(extension)}
    link = format_html(
        '<a class="contact__link" href="{}">{}</a>', contact.tel_href, mark_safe(words)
    )
    if not contact.phone_country:
        return link
    country = gettext("(a number in %(country)s)") % {
        "country": conditional_escape(contact.phone_country)
    }
    return format_html('{} <span class="muted">{}</span>', link, mark_safe(country))


@register.filter
def phase_in_words(trial: Trial) -> str:
    """The phase and what it means, or that phases do not apply."""
    if not trial.phase:
        return str(_("Does not apply to this kind of study"))
    meaning = PHASE_MEANINGS.get(trial.phase)
    label = trial.get_phase_display()
    return f"{label}: {meaning}" if meaning else label


@register.simple_tag
def places_of(sites: list[Site]) -> dict[str, object]:
    """The first places a study runs in, and how many more, for a trial card."""
    places, more = first_places(sites)
    return {"places": places, "more": more}
