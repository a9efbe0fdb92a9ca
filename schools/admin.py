from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from guardian.admin import GuardedModelAdmin

from core.admin import CleanTextAdmin

from .models import (
    District,
    Invitation,
    Membership,
    MentorPair,
    Organization,
    Region,
    RiskFactor,
    RiskProfile,
    RiskProfileFactor,
    Role,
    SchoolList,
    SchoolListEntry,
    User,
)
from .services.memberships import membership_revoke, membership_sync_grants


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["district", "organization", "region"]
    fk_name = "user"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "last_name", "first_name", "middle_name", "is_active", "is_staff"]
    search_fields = ["email", "last_name", "first_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Личные данные", {"fields": ("last_name", "first_name", "middle_name", "position")}),
        ("Права", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Даты", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        for membership in formset.save(commit=False):
            if membership.role == Role.DIRECTOR and membership.organization_id:
                membership.district_id = membership.organization.district_id
            membership.save()
            membership_sync_grants(membership=membership, acting_user=request.user)
        for membership in formset.deleted_objects:
            membership_revoke(membership=membership, acting_user=request.user)


@admin.register(Region)
class RegionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "time_zone"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["name", "region", "slug", "place", "head_name"]
    list_filter = ["region"]
    search_fields = ["name", "slug"]
    list_select_related = ["region"]


@admin.register(Organization)
class OrganizationAdmin(CleanTextAdmin, GuardedModelAdmin):
    list_display = ["short_name", "kind", "district", "director_name", "fis_oko_login"]
    list_filter = ["kind", "district__region"]
    search_fields = ["short_name", "full_name", "fis_oko_login"]
    autocomplete_fields = ["district"]
    list_select_related = ["district"]


class SchoolListEntryInline(CleanTextAdmin, admin.TabularInline):
    model = SchoolListEntry
    extra = 0
    autocomplete_fields = ["organization"]
    exclude = ["district"]


@admin.register(SchoolList)
class SchoolListAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["__str__", "district", "year", "kind"]
    list_filter = ["kind", "year"]
    search_fields = ["district__name"]
    autocomplete_fields = ["district"]
    inlines = [SchoolListEntryInline]
    list_select_related = ["district"]

    def save_formset(self, request, form, formset, change):
        for entry in formset.save(commit=False):
            entry.district_id = form.instance.district_id
            entry.save()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(MentorPair)
class MentorPairAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "year", "district"]
    autocomplete_fields = ["district", "mentor", "mentee"]


class RiskProfileFactorInline(admin.TabularInline):
    model = RiskProfileFactor
    extra = 0
    fields = ["factor", "note"]


@admin.register(RiskProfile)
class RiskProfileAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["organization", "year", "district"]
    autocomplete_fields = ["district", "organization"]
    exclude = ["version", "updated_by"]
    inlines = [RiskProfileFactorInline]

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.instance and not inline_form.instance.district_id:
                inline_form.instance.district_id = form.instance.district_id
        super().save_formset(request, form, formset, change)


@admin.register(RiskFactor)
class RiskFactorAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "position", "is_active"]
    list_filter = ["region", "is_active"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "district", "organization", "region", "is_lead"]
    list_filter = ["role", "is_lead"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user", "district", "organization", "region"]

    def save_model(self, request, obj, form, change):
        if obj.role == Role.DIRECTOR and obj.organization_id:
            obj.district_id = obj.organization.district_id
        super().save_model(request, obj, form, change)
        membership_sync_grants(membership=obj, acting_user=request.user)

    def delete_model(self, request, obj):
        membership_revoke(membership=obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            membership_revoke(membership=membership, acting_user=request.user)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the people pages (/<district>/people/, /region/<slug>/members/):
    here they are only looked up."""

    list_display = ["email", "role", "district", "organization", "region", "invited_by",
                    "sent_at", "accepted_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "user__last_name"]
    list_select_related = ["district", "organization", "region", "invited_by"]
    readonly_fields = ["email", "role", "district", "organization", "region", "user",
                       "invited_by", "sent_at", "accepted_at"]

    def has_add_permission(self, request):
        return False
