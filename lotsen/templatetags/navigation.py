"""``{% nav_item "calendar:list" _("Events") area="calendar" %}``: one item of a navigation
list, marked as the current page or as the area (or workspace section) the page belongs to
(lotsen.navigation decides which). Renders nothing for a URL this portal does not have."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from lotsen.templatetags.hyphenation import soft_hyphens

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_item(context, url_name: str, label, area: str = "", section: str = "") -> str:
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return ""
    if section:  # a long bold label ("Migrantenorganisationen") is wider than the side column
        label = soft_hyphens(label)
    request = context.get("request")
    place = context.get("nav_place")
    if request is not None and request.path == url:
        current = "page"
    elif place is not None and (
        (section and place.section == section) or (area and not section and place.area == area)
    ):
        current = "true"  # a page within this item's part of the portal
    else:
        return format_html('<li><a href="{}">{}</a></li>', url, label)
    return format_html('<li><a href="{}" aria-current="{}">{}</a></li>', url, current, label)
