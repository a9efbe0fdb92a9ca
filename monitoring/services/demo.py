"""The whole demo world of `make run`: the roadmaps app's (districts, people, roadmaps,
programmes, comments, invitations), then monitoring's (progress reports, rounds). It lives in
the top layer, so it may call every app without importing upwards."""
from __future__ import annotations

from django.db import transaction

from roadmaps.services.demo import DEMO_PASSWORD, DemoLogin
from roadmaps.services.demo import seed_demo as seed_roadmaps_demo

from .progress import progress_seed_demo
from .reminders import reminders_seed_demo
from .rounds import rounds_seed_demo

__all__ = ["DEMO_PASSWORD", "seed_demo"]


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Create the demo world if it is missing; a second run changes nothing."""
    logins = seed_roadmaps_demo()
    rounds_seed_demo()
    progress_seed_demo()  # reports and reviews
    reminders_seed_demo()  # today's reminders in the bell (after the reports: done stops them)
    return logins
