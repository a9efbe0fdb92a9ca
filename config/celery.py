"""The Celery application: configured from Django settings (CELERY_* names)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every hour, delete the import uploads abandoned more than a day ago. The database
# scheduler of django_celery_beat copies this entry into its PeriodicTask table at start.
app.add_periodic_task(3600.0, app.signature("core.tasks.purge_stale_uploads"),
                      name="purge-stale-import-uploads")
