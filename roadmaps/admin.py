from django.contrib import admin

from core.admin import CleanTextAdmin

from .models import Comment, Directive, DueDate, Measure, Order, Roadmap, Section, Submission, Transition
from .services.due_dates import DERIVED_FIELDS, measures_derive_deadlines


@admin.register(Directive)
class DirectiveAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "issuer", "number", "issued_on", "region"]
    search_fields = ["title", "issuer", "number"]


class SectionInline(CleanTextAdmin, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["number", "title", "parent", "position"]
    show_change_link = True


@admin.register(Roadmap)
class RoadmapAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "district", "school", "period_start", "period_end", "status"]
    list_filter = ["status", "district__region"]
    search_fields = ["title", "district__name", "school__short_name"]
    autocomplete_fields = ["district", "school", "directive"]
    list_select_related = ["district", "school"]
    inlines = [SectionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"period_start", "period_end"} & set(form.changed_data):
            # a new period reads every deadline again, as the roadmap's settings page does
            measures_derive_deadlines(roadmap=obj, measures=list(obj.measures.all()))


class DueDateInline(admin.TabularInline):
    """Due dates are derived from the deadline as written: shown, never edited here."""

    model = DueDate
    extra = 0
    exclude = ["district"]
    readonly_fields = ["due_on"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Measure)
class MeasureAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["number", "text", "deadline_text", "deadline_kind", "needs_review", "roadmap"]
    list_filter = ["deadline_kind", "needs_review"]
    search_fields = ["text", "deadline_text", "roadmap__title"]
    raw_id_fields = ["roadmap", "section", "district"]
    list_select_related = ["roadmap"]
    inlines = [DueDateInline]
    readonly_fields = list(DERIVED_FIELDS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        measures_derive_deadlines(roadmap=obj.roadmap, measures=[obj])


@admin.register(Section)
class SectionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["number", "title", "roadmap"]
    search_fields = ["title"]
    raw_id_fields = ["roadmap", "parent", "district"]


@admin.register(Order)
class OrderAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["__str__", "district", "roadmap", "status", "issued_on"]
    list_filter = ["status", "layout"]
    raw_id_fields = ["roadmap", "district"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """What happened stays as it happened: the cycle's steps and frozen submissions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["roadmap", "number", "submitted_at", "submitted_by", "render_state"]
    list_filter = ["render_state"]
    list_select_related = ["roadmap", "submitted_by"]
    exclude = ["content"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["roadmap", "from_status", "to_status", "actor", "actor_role", "created_at"]
    list_filter = ["to_status", "actor_role"]
    list_select_related = ["roadmap", "actor"]


@admin.register(Comment)
class CommentAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["roadmap", "measure", "author", "author_role", "created_at", "resolved_at"]
    list_filter = ["author_role"]
    list_select_related = ["roadmap", "measure", "author"]
    raw_id_fields = ["roadmap", "measure", "parent", "author", "resolved_by"]
