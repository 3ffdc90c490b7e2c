"""Result cards as HTML, kept by what they show: a card seen before costs no explaining, query
or rendering.

Explaining and rendering its cards is most of a results page's work. A card shows nothing but
the trial as loaded, the answers its criteria read (TrialSet.answers_read: its verdict,
reasons and checklist), the patient's ZIP code (the nearest place, its distance, the link to
the trial), the page's language, and whether it takes the focus. Cards are kept by exactly
those, with the load of open trials they were made from (screening.loading), and are dropped
with it: an editor's change makes a new load at the next request's data-version check, so a
kept card never shows older data than a fresh one would.

They are kept in the worker's memory only, never in the shared cache (Redis) and never on disk:
a card quotes a patient's answers, and no answer leaves the process that received it. They live
no longer than their load (loading.CACHE_SECONDS at most).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

# Cards of 1-4 KB: about 10 MB a worker at most.
MOST_CARDS = 4000

TEMPLATE = "screening/_result_card.html"


class KeptCards:
    """Up to `size` cards' HTML by key, the least recently used dropped first. Thread-safe.

    The results page keeps its other work for given answers in one too: its "Your answers"
    section with the cards, its verdicts by group in a smaller one (loading.QuestionBank).
    """

    def __init__(self, size: int = MOST_CARDS) -> None:
        self.size = size
        self._html: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._html)

    def get(self, key: Hashable) -> Any:
        with self._lock:
            html = self._html.get(key)
            if html is not None:
                self._html.move_to_end(key)
            return html

    def put(self, key: Hashable, html: Any) -> None:
        with self._lock:
            self._html[key] = html
            self._html.move_to_end(key)
            while len(self._html) > self.size:
                self._html.popitem(last=False)


def render(card, *, postal_code: str, located: bool, focus: bool) -> SafeString:
    """One card's HTML; `focus` puts the focus on it (the first card "Show more" added)."""
    context = {
        "card": card,
        "postal_code": postal_code,
        "located": located,
        "more": focus,
        "focus": focus,
    }
    return render_to_string(TEMPLATE, context)
