"""``{% registration_state event as seats %}`` for the registration box of public event pages."""

from django import template

from events.registrations.selectors import Seats, seats_of

register = template.Library()


@register.simple_tag
def registration_state(event) -> Seats:
    """Places left, waiting list and whether registration is open (``seats_of``)."""
    return seats_of(event)
