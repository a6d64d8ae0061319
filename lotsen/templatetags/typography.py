"""``|keep_dates``: text with every date in it kept on one line ("01.01.2014" never breaks
into "01.01.20" and "14"), for headings and table headers of printed documents."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# German (01.01.2014) and English (01/01/2014, 2014-01-01) short dates, with a time after them.
DATE = re.compile(r"\b(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(?:,? \d{1,2}:\d{2})?\b")


@register.filter
def keep_dates(value) -> SafeString:
    text = str(conditional_escape(value))
    return mark_safe(DATE.sub(lambda match: f'<span class="date">{match.group(0)}</span>', text))
