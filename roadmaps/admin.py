from django.contrib import admin

from core.models import AuditRecord

from .models import Directive, DueDate, Measure, Order, Roadmap, Section


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "issuer", "number", "issued_on", "region"]
    search_fields = ["title", "issuer", "number"]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["number", "title", "parent", "position"]
    show_change_link = True


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "school", "period_start", "period_end", "status"]
    list_filter = ["status", "district__region"]
    search_fields = ["title", "district__name", "school__short_name"]
    autocomplete_fields = ["district", "school", "directive"]
    list_select_related = ["district", "school"]
    inlines = [SectionInline]


class DueDateInline(admin.TabularInline):
    model = DueDate
    extra = 0
    exclude = ["district"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["number", "text", "deadline_text", "deadline_kind", "needs_review", "roadmap"]
    list_filter = ["deadline_kind", "needs_review"]
    search_fields = ["text", "deadline_text", "roadmap__title"]
    raw_id_fields = ["roadmap", "section", "district"]
    list_select_related = ["roadmap"]
    inlines = [DueDateInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "roadmap"]
    search_fields = ["title"]
    raw_id_fields = ["roadmap", "parent", "district"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "district", "roadmap", "status", "issued_on"]
    list_filter = ["status", "layout"]
    raw_id_fields = ["roadmap", "district"]


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    readonly_fields = [f.name for f in AuditRecord._meta.fields]
