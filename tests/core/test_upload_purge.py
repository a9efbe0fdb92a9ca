"""Abandoned import uploads are deleted a day later by a periodic task."""
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.tasks import purge_stale_uploads


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stash_file(name: str, age_hours: float) -> str:
    path = default_storage.save(f"imports/7/3/{name}", ContentFile(b"x"))
    moment = time.time() - age_hours * 3600
    os.utime(default_storage.path(path), (moment, moment))
    return path


def test_the_task_deletes_uploads_older_than_a_day_and_keeps_fresh_ones(media):
    old = stash_file("abandoned", age_hours=25)
    fresh = stash_file("in-preview", age_hours=2)
    unrelated = default_storage.save("orders/1/приказ.pdf", ContentFile(b"%PDF"))
    os.utime(default_storage.path(unrelated), (0, 0))

    deleted = purge_stale_uploads.apply().get()

    assert deleted == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)
    assert default_storage.exists(unrelated)


def test_the_task_does_nothing_without_any_upload(media):
    assert purge_stale_uploads.apply().get() == 0


@pytest.mark.django_db
def test_beat_has_the_task_in_its_database_schedule():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import ModelEntry

    from config.celery import app

    # what DatabaseScheduler.setup_schedule does with every entry of the app's schedule
    for name, entry in app.conf.beat_schedule.items():
        ModelEntry.from_entry(name, app=app, **entry)

    task = PeriodicTask.objects.get(name="purge-stale-import-uploads")
    assert task.task == "core.tasks.purge_stale_uploads"
    assert task.interval.every * {"seconds": 1, "minutes": 60, "hours": 3600}[task.interval.period] == 3600
