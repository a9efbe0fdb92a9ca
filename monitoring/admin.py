from django.contrib import admin

from .models import Evidence, MonitoringRound, Notification, ProgressReport, ReminderSent


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["kind", "name", "url", "file", "size", "added_by", "added_at"]
    readonly_fields = ["added_at"]
    raw_id_fields = ["added_by"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["measure", "due_date", "school", "status", "review", "reported_at"]
    list_filter = ["status", "review"]
    list_select_related = ["measure", "due_date", "school"]
    raw_id_fields = ["measure", "due_date", "school", "reported_by", "reviewed_by"]
    inlines = [EvidenceInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """The exactly-once ledger of reminders: read only."""

    list_display = ["recipient", "stage", "day", "due_date", "sent_at"]
    list_filter = ["stage", "day"]
    search_fields = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "title", "created_at", "read_at"]
    raw_id_fields = ["user"]


@admin.register(MonitoringRound)
class MonitoringRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "starts_on", "ends_on", "is_closed"]
    list_filter = ["is_closed"]
    filter_horizontal = ["schools"]
