from .progress import Evidence, ProgressReport
from .reminders import Notification, PersonSettings, ReminderSent, Stage
from .rounds import MonitoringRound

__all__ = [
    "Evidence",
    "MonitoringRound",
    "Notification",
    "PersonSettings",
    "ProgressReport",
    "ReminderSent",
    "Stage",
]
