"""``manage.py bench_summary``: the last benchmark run's aims in one table (lotsen.bench.aims)."""

import os

from django.core.management.base import BaseCommand

from lotsen.bench.aims import recorded, verdict


class Command(BaseCommand):
    help = "Print the aims of the last `make bench` run with OK or MISSED."

    def handle(self, *args, **options) -> None:
        verdicts = recorded()
        if not verdicts:
            self.stdout.write("No benchmark has run yet: `make bench`.")
            return
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        aim_width = max(len(v.aim) for v in verdicts)
        figure_width = max(len(v.figure) for v in verdicts)
        self.stdout.write(f"\nAims of this run (load average now {load}):")
        header = f"{'aim':<{aim_width}}  {'figure':<{figure_width}}  verdict"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for v in verdicts:
            self.stdout.write(f"{v.aim:<{aim_width}}  {v.figure:<{figure_width}}  {verdict(v.ok)}")
        missed = sum(not v.ok for v in verdicts)
        self.stdout.write(f"{len(verdicts) - missed} of {len(verdicts)} aims reached.")
