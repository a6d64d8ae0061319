"""``manage.py seed_demo [--scale N]``: load the demo network, optionally scaled up."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from events.models import Event
from lotsen.demo.network import DEMO_PASSWORD, NEWSLETTER_DATE, demo_logins
from lotsen.demo.scale import scale_up
from lotsen.demo.services import load_demo
from lotsen.models.guides import Guide
from organisations.models import MigrantOrganisation
from regions.models import CooperationStatus, Region


class Command(BaseCommand):
    help = (
        "Load the demo network of the March 2014 newsletter (idempotent). With --scale N, "
        "add a synthetic network N times its size for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N synthetic units of the demo's size exist.",
        )

    def handle(self, *args, scale: int, **options) -> None:
        if scale < 0:
            raise CommandError("--scale must not be negative.")
        started = time.monotonic()
        with transaction.atomic():
            network = load_demo()
            created = scale_up(units=scale) if scale else None
        if connection.vendor == "postgresql":
            # After a bulk load the planner's statistics still describe the empty tables, and
            # its plans are a hundred times slower until autovacuum gets round to them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started

        counts = Region.objects.filter(
            pk__in=[r.pk for r in network.regions.values()]
        ).status_counts(on=NEWSLETTER_DATE)
        by_status = ", ".join(
            f"{counts.get(value, 0)} {label}" for value, label in CooperationStatus.choices
        )
        self.stdout.write(self.style.SUCCESS(f"Demo network in place after {elapsed:.1f} s."))
        self.stdout.write(f"  Regions on {NEWSLETTER_DATE:%d.%m.%Y}: {by_status}")
        self.stdout.write(
            f"  Demo: {len(network.organisations)} organisations, {len(network.guides)} guides, "
            f"{len(network.events)} events"
        )
        if created is not None:
            self.stdout.write(
                f"  Synthetic units 1-{scale}: {created['units']} added, "
                f"{sum(n for key, n in created.items() if key != 'units')} rows created"
            )
        self.stdout.write(
            f"  In the database: {Region.objects.count()} regions, "
            f"{MigrantOrganisation.objects.count()} organisations, "
            f"{Guide.objects.count()} guides, {Event.objects.count()} events"
        )
        self.stdout.write(f"Logins (password for all: {DEMO_PASSWORD}):")
        for email, role in demo_logins():
            self.stdout.write(f"  {email:<30} {role}")
