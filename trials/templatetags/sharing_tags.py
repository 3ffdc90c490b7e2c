"""Template helpers for the share panel: absolute links, the mailto link and the QR code."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from trials import page_sharing
from trials.freshness import kept

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, url: str) -> str:
    """`url` as a full address (https://…/trials/NCT…/), which works outside our site."""
    request = context.get("request")
    if request is None or "://" in url:
        return url
    return request.build_absolute_uri(url)


@register.simple_tag
def share_mailto(url: str, title: str, text: str) -> str:
    return page_sharing.mailto_link(
        subject=title, body=page_sharing.share_email_body(text=text, title=title, url=url)
    )


@register.simple_tag
def qr_code(url: str, label: str = "") -> SafeString:
    label = label or _("QR code for this page")
    # A QR code depends on nothing but its link and label: drawn once, kept in the cache.
    return kept(("qr", url, label), lambda: page_sharing.qr_svg(url, label=label), version="qr")
