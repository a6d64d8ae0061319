"""Loading the whole demo network in one call."""

import datetime

from django.utils import timezone

from lotsen.demo.accompaniments import load_accompaniments
from lotsen.demo.kit import load_kit
from lotsen.demo.library import load_library
from lotsen.demo.members_area import load_internal_events
from lotsen.demo.needs import load_needs
from lotsen.demo.network import DemoNetwork, load_network
from lotsen.demo.network_events import load_events
from lotsen.demo.newsletter import load_newsletter
from lotsen.demo.referrals import load_referrals
from lotsen.demo.support import load_support


def load_demo(*, now: datetime.datetime | None = None) -> DemoNetwork:
    """Create or update the whole demo network; a second run changes nothing.

    Call it inside a transaction, so that a failure leaves no half-loaded demo behind.
    """
    network = load_network()
    load_events(network, now=now)
    load_internal_events(network, now=now)
    load_newsletter(network)
    load_kit(network)
    load_accompaniments(network, today=timezone.localdate(now))
    load_referrals(network, now=now)
    load_library(network, now=now)
    load_support(network)
    load_needs(network, now=now)
    return network
