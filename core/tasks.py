"""Celery jobs of the core app."""
from __future__ import annotations

from celery import shared_task

from .uploads import stash_purge


@shared_task(ignore_result=True)
def purge_stale_uploads() -> int:
    """Delete import uploads abandoned more than a day ago (scheduled in config/celery.py)."""
    return stash_purge()
