"""Result cards as HTML: what a trial's cards show alike made once, a card seen before kept.

Explaining and rendering its cards is most of a results page's work, and every new patient
needs their own. So a card is made in two parts:

- TrialFacts: what every card of a trial shows whoever the patient is (its title and link,
  status, open sites' places, contacts), worked out once per load of open trials and language
  from one read of the trials (kept_facts, which reads others ahead), then kept by trial id
  (no query for a trial seen before).
- render(): the patient's card from those facts, the verdict with its reasons and checklist,
  and the nearest place to their ZIP code. It is plain string building with the template's
  own words (gettext with the same message ids, so the Spanish catalogue serves it), because it
  runs twenty times for every new patient and Django's template engine took about half a
  millisecond a card. The phone link is the trial page's own (trial_pages.phone_link).

A card shows nothing but the trial as loaded, the answers its criteria read
(TrialSet.answers_read: its verdict, reasons and checklist), the patient's ZIP code, the page's
language and whether it takes the focus; whole cards are kept by exactly those. Both stores
hang on the load they were made from (screening.loading): an editor's change makes a new load
at the next request's data-version check, so nothing kept is older than a fresh card would be.

Cards quote a patient's answers: they stay in the worker's memory, never in the shared cache
(Redis) and never on disk, and live no longer than their load (loading.CACHE_SECONDS at most).
Trial facts hold registry data only.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from screening.criteria import TrialResult, Verdict
from screening.geo import Point
from trials.choices import site_takes_people
from trials.models import Contact, Site, Trial
from trials.names import tidy_capitals
from trials.regions import HOME_COUNTRY
from trials.site_lists import Places
from trials.templatetags.languages import escaped, lang_attr, marked
from trials.templatetags.trial_pages import phone_link

if TYPE_CHECKING:  # loading keeps its cards in KeptCards, from here
    from screening.loading import QuestionBank

# Cards of 1-4 KB: about 10 MB a worker at most; trial facts are smaller.
MOST_CARDS = 4000

# Contacts on a card: the study's own first, else the nearest site's, else any.
MOST_CONTACTS = 2


class KeptCards:
    """Up to `size` cards' HTML by key, the least recently used dropped first. Thread-safe.

    The results page keeps its other work in them too: trial facts, its "Your answers"
    section with the cards, its verdicts by group in a smaller one (loading.QuestionBank).
    """

    def __init__(self, size: int = MOST_CARDS) -> None:
        self.size = size
        self._html: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._html)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._html

    def get(self, key: Hashable) -> Any:
        with self._lock:
            html = self._html.get(key)
            if html is not None:
                self._html.move_to_end(key)
            return html

    def clear(self) -> None:
        with self._lock:
            self._html.clear()

    def put(self, key: Hashable, html: Any) -> None:
        with self._lock:
            self._html[key] = html
            self._html.move_to_end(key)
            while len(self._html) > self.size:
                self._html.popitem(last=False)


@dataclass(frozen=True, eq=False)
class TrialFacts:
    """What every result card of one trial shows, whoever the patient is, in one language."""

    trial_id: str
    url: str
    title: SafeString  # the link's text and, first, its lang attribute when it needs one
    status: SafeString  # the status line
    abroad: bool  # every site is outside the patient's country
    # The open sites with coordinates: where they are, and their names as the card says them.
    places: Places | None = None
    site_names: tuple[str, ...] = ()
    site_ids: tuple[int, ...] = ()
    contacts: SafeString = SafeString("")  # the study's own, else anyone's
    # When the study has no contacts of its own: the contacts of each site that has some.
    site_contacts: Mapping[int, SafeString] = field(default_factory=dict)


def nearest_sites(
    every_facts: Iterable[TrialFacts], origin: Point | None
) -> dict[str, tuple[int, float]]:
    """Each trial's nearest open site to `origin`, by trial id: its index in site_names and
    its miles (the first of equals, in the sites' order). The cards of a page are measured in
    one pass, not one small pass each."""
    placed = [facts for facts in every_facts if facts.places is not None]
    if origin is None or not placed:
        return {}
    miles = Places.joined([facts.places for facts in placed]).miles_from(
        (origin.latitude, origin.longitude)
    )
    found = {}
    start = 0
    for facts in placed:
        own = miles[start : start + len(facts.places)]
        start += len(own)
        closest = int(own.argmin())
        found[facts.trial_id] = (closest, float(own[closest]))
    return found


# What trial_facts() reads of a Trial: the rest (long registry texts) is left unread.
TRIAL_FIELDS = (
    "registry_id",
    "kind",
    "plain_title",
    "plain_title_es",
    "brief_title",
    "official_title",
    "status",
    "status_verified_on",
    "completion_date",
    "primary_completion_date",
)


def trial_facts(trial: Any, sites: Iterable[Any], contacts: Iterable[Any]) -> TrialFacts:
    """A trial's facts, from a Trial with TRIAL_FIELDS, its sites (in their model's order) and
    its contacts (in role, id order)."""
    sites = list(sites)
    open_sites = [
        site
        for site in sites
        if site.latitude is not None
        and site.longitude is not None
        and site_takes_people(site.status)
    ]
    everyone = [contact for contact in contacts if contact.phone or contact.email]
    central = [contact for contact in everyone if contact.site_id is None]
    site_contacts: dict[int, list[Any]] = {}
    if not central:
        for contact in everyone:
            site_contacts.setdefault(contact.site_id, []).append(contact)
    countries = {site.country_code for site in sites}
    return TrialFacts(
        trial_id=trial.registry_id,
        url=trial.get_absolute_url(),
        title=format_html("{}>{}", lang_attr(trial.title), trial.title),
        status=format_html(
            '<p class="status{}">{}</p>',
            " status--open" if trial.is_open else "",
            trial.status_label(),
        ),
        abroad=bool(countries) and "" not in countries and HOME_COUNTRY not in countries,
        places=Places((site.latitude, site.longitude) for site in open_sites)
        if open_sites
        else None,
        site_names=tuple(site.name_and_place for site in open_sites),
        site_ids=tuple(site.pk for site in open_sites),
        contacts=_contacts_html(central or everyone),
        site_contacts={site_id: _contacts_html(found) for site_id, found in site_contacts.items()},
    )


# A read of card facts for a page's new cards also reads up to this many open trials that no
# page has read yet (QuestionBank.unread_facts), in the same three queries. Read one page's at
# a time, a worker at 10,000 trials still asked for facts on one page in nine after 3,000 new
# patients, and began again with each load (one every CACHE_SECONDS at least). With this,
# its first 50 reads (about 0.1 s longer each) read every open trial, and its pages ask
# nothing after them. That is more work first (every trial, also those no patient of this
# load will see: 2.6 s of a worker at 10,000 trials) for less on every page after (9.6% fewer
# instructions): it pays off in a load where a worker serves more than some 6,000 new
# patients' results, when its CPU is what runs short.
READ_AHEAD = 200


def kept_facts(trial_ids: Iterable[str], bank: QuestionBank) -> dict[str, TrialFacts]:
    """What the cards of these trials show alike (TrialFacts): kept from this load, and one
    read (a query for the trials, one each for their sites and contacts, put together here:
    prefetch_related took twice as long) for the others, and READ_AHEAD more."""
    found = {trial_id: bank.trial_facts.get(trial_id) for trial_id in trial_ids}
    missing = [trial_id for trial_id, facts in found.items() if facts is None]
    if missing:
        trials = (
            Trial.objects.filter(registry_id__in=[*missing, *_read_ahead(bank, set(missing))])
            .only(*TRIAL_FIELDS)
            .order_by()  # kept by id: ordering them was a third of this query's making
        )
        by_pk = {trial.pk: trial for trial in trials}
        sites: dict[int, list[Site]] = {pk: [] for pk in by_pk}
        for site in Site.objects.filter(trial_id__in=by_pk):
            sites[site.trial_id].append(site)
        contacts: dict[int, list[Contact]] = {pk: [] for pk in by_pk}
        for contact in Contact.objects.filter(trial_id__in=by_pk).order_by("role", "id"):
            contacts[contact.trial_id].append(contact)
        for pk, trial in by_pk.items():
            facts = trial_facts(trial, sites[pk], contacts[pk])
            bank.trial_facts.put(trial.registry_id, facts)
            if trial.registry_id in found:
                found[trial.registry_id] = facts
    return {trial_id: facts for trial_id, facts in found.items() if facts is not None}


def _read_ahead(bank: QuestionBank, missing: set[str]) -> list[str]:
    """Up to READ_AHEAD of the bank's unread trials, leaving out those kept or `missing` (read
    anyway), and none that would push kept facts out of their store."""
    room = min(READ_AHEAD, bank.trial_facts.size - len(bank.trial_facts) - len(missing))
    ahead: list[str] = []
    while len(ahead) < room:
        try:
            trial_id = bank.unread_facts.popleft()  # another thread may take the last one
        except IndexError:
            break
        if trial_id not in missing and trial_id not in bank.trial_facts:
            ahead.append(trial_id)
    return ahead


def _contacts_html(contacts: Iterable[Any]) -> SafeString:
    shown = list(contacts)[:MOST_CONTACTS]
    if not shown:
        return SafeString("")
    items = []
    for contact in shown:
        lines = []
        if contact.name:
            lines.append(
                format_html('<p class="contact__name">{}</p>', tidy_capitals(contact.name))
            )
        if contact.tel_href:
            lines.append(format_html("<p>{}</p>", phone_link(contact)))
        if contact.email:
            lines.append(
                format_html(
                    '<p><a class="contact__link" href="mailto:{}">{} {}</a></p>',
                    contact.email,
                    mark_safe(gettext("Email")),
                    contact.email,
                )
            )
        items.append(format_html("<li>{}</li>", mark_safe("".join(lines))))
    return format_html(
        '<h4 class="result-card__label">{}</h4><ul class="contacts contacts--compact">{}</ul>',
        mark_safe(gettext("Contact the study team")),
        mark_safe("".join(items)),
    )


# Our own words are trusted as the template's {% translate %} trusts them (mark_safe).
_LABELS = {
    Verdict.LIKELY_ELIGIBLE: gettext_lazy("Why it may fit"),
    Verdict.ASK_DOCTOR: gettext_lazy("What is not clear yet"),
    Verdict.NOT_ELIGIBLE: gettext_lazy("Why it does not fit"),
}


class CardWords:
    """The words cards say alike, in one language, each looked up once: asking gettext for
    them on every card was 5% of a new patient's results page. The sentences with a
    number are kept by the number that picks their plural."""

    def __init__(self) -> None:
        self.labels = {verdict: str(label) for verdict, label in _LABELS.items()}
        self.ask_about = gettext("Ask your doctor about")
        self.abroad = gettext("All of this study's places are outside the United States.")
        self.under_a_mile = gettext("Nearest place: %(where)s, less than 1 mile away")
        self._checked: dict[int, str] = {}
        self._miles: dict[int, str] = {}

    def checked(self, listed: int) -> str:
        words = self._checked.get(listed)
        if words is None:
            words = self._checked[listed] = ngettext(
                "We checked %(checked)s of the %(listed)s requirement this study lists.",
                "We checked %(checked)s of the %(listed)s requirements this study lists.",
                listed,
            )
        return words

    def miles(self, rounded: int) -> str:
        words = self._miles.get(rounded)
        if words is None:
            words = self._miles[rounded] = ngettext(
                "Nearest place: %(where)s, about %(miles)s mile away",
                "Nearest place: %(where)s, about %(miles)s miles away",
                rounded,
            )
        return words


_card_words: dict[str, CardWords] = {}


def card_words() -> CardWords:
    """The cards' words in the active language (kept per process: they change with a deploy)."""
    language = get_language() or ""
    words = _card_words.get(language)
    if words is None:
        words = _card_words[language] = CardWords()
    return words


def render(
    facts: TrialFacts,
    result: TrialResult,
    *,
    nearest: tuple[int, float] | None,
    postal_code: str,
    focus: bool,
    words: CardWords,
) -> SafeString:
    """One card's HTML in `words`' language: `nearest` is its nearest open site to the
    patient's ZIP code (nearest_sites), `postal_code` that ZIP code when we could place it, for
    the link; `focus` puts the focus on the card (the first card "Show more" added). Built with
    f-strings, every text that is not our own HTML escaped (languages.escaped): format_html's
    checks for lazy text were a third of a card's time."""
    near = f"?near={quote(postal_code, safe='/')}" if postal_code else ""
    autofocus = ' tabindex="-1" autofocus' if focus else ""
    parts = [
        f'<li class="result-card result-card--{escaped(result.verdict)}"><article>'
        f'<h3 class="result-card__title"{autofocus}><a href="{escaped(facts.url)}{near}"'
        f"{facts.title}</a></h3>",
        facts.status,
    ]
    if facts.abroad:
        parts.append(f'<p class="result-card__where">{words.abroad}</p>')
    site_id = None
    if nearest is not None:
        index, miles = nearest
        site_id = facts.site_ids[index]
        parts.append(f'<p class="result-card__where">{_where(facts, index, miles, words)}</p>')
    if result.reasons:
        parts.append(_list(words.labels[result.verdict], "plain-list", result.reasons))
    if result.listed:
        checked = words.checked(result.listed) % {
            "checked": result.checked,
            "listed": result.listed,
        }
        parts.append(f'<p class="result-card__checked">{checked}</p>')
    if result.checklist:
        parts.append(_list(words.ask_about, "plain-list checklist", result.checklist))
    if result.verdict != Verdict.NOT_ELIGIBLE:
        parts.append(facts.site_contacts.get(site_id, facts.contacts))
    parts.append("</article></li>")
    return SafeString("".join(parts))


def _where(facts: TrialFacts, index: int, miles: float, words: CardWords) -> str:
    where = escaped(facts.site_names[index])
    if miles < 1:
        return words.under_a_mile % {"where": where}
    rounded = whole_miles(miles)
    return words.miles(rounded) % {"where": where, "miles": rounded}


def whole_miles(miles: float) -> int:
    """Miles rounded as the trial page rounds them (floatformat:"0", half up), cheaper."""
    return math.floor(miles + 0.5)


def _list(label: str, classes: str, items: Iterable[str]) -> str:
    listed = "".join(f"<li>{marked(item)}</li>" for item in items)
    return f'<h4 class="result-card__label">{label}</h4><ul class="{classes}">{listed}</ul>'
