"""``{% logo_url %}`` and ``{% logo_mark_url %}``: the network's logo and mark as the
settings name them (lotsen.core.branding), for pages, PDFs and mails alike."""

import mimetypes

from django import template

from lotsen.core import branding

register = template.Library()


@register.simple_tag
def logo_url() -> str:
    return branding.logo_url()


@register.simple_tag
def logo_mark_url() -> str:
    return branding.mark_url()


@register.simple_tag
def logo_mark_type() -> str:
    """The mark's media type, by which browsers choose among the favicons they are offered."""
    return mimetypes.guess_type(branding.mark_name())[0] or "image/svg+xml"
