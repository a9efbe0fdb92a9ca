"""Every address of the schools app: signing in and one-time password links, the
coordinator's lists (organisations, flagged-school lists, mentor pairs, curators, list
import), people and invitations, the workplace switcher."""
from django.contrib.auth import views as auth_views
from django.urls import path

from .forms.auth import LoginForm
from .views import auth, imports, lists, mail, people, risk

D = "<slug:district_slug>/"
RF = "region/<slug:region_slug>/risk-factors/"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(
        template_name="schools/login.html", authentication_form=LoginForm,
        redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # a one-time link: an invitation's, «Забыли пароль?»
    path("password/reset/", auth.PasswordResetRequestView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="schools/password_reset_done.html"), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", auth.PasswordSetView.as_view(),
         name="password_reset_confirm"),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="schools/password_reset_complete.html"), name="password_reset_complete"),
    path("invitation/<uidb64>/<token>/", auth.InvitationAcceptView.as_view(), name="password_set"),
    # people: a district's, a region's working group; where a person works
    path("workplace/", people.workplace_switch, name="workplace_switch"),
    path("workplace/choose/", people.workplace_choose, name="workplace_choose"),
    # the local mail catcher's letters (`make run`): administrators, under DEBUG only
    path("dev/mail/", mail.mail_list, name="dev_mail"),
    path("dev/mail/<str:name>/", mail.mail_detail, name="dev_mail_detail"),
    path("region/<slug:region_slug>/members/", people.region_members_page, name="region_members"),
    path("region/<slug:region_slug>/members/invitations/<int:pk>/resend/",
         people.region_invitation_resend, name="region_invitation_resend"),
    path("region/<slug:region_slug>/members/invitations/<int:pk>/cancel/",
         people.region_invitation_cancel, name="region_invitation_cancel"),
    path(D + "organizations/", lists.organization_list, name="organization_list"),
    path(D + "organizations/new/", lists.organization_form, name="organization_new"),
    path(D + "organizations/<int:pk>/edit/", lists.organization_form, name="organization_edit"),
    path(D + "lists/", lists.list_index, name="list_index"),
    path(D + "lists/new/", lists.list_new, name="list_new"),
    path(D + "lists/<int:pk>/", lists.list_detail, name="list_detail"),
    path(D + "lists/<int:pk>/edit/", lists.list_edit, name="list_edit"),
    path(D + "lists/<int:pk>/entries/new/", lists.entry_new, name="entry_new"),
    path(D + "lists/entries/<int:pk>/", lists.entry_row, name="entry_row"),
    path(D + "lists/entries/<int:pk>/edit/", lists.entry_edit, name="entry_edit"),
    path(D + "lists/entries/<int:pk>/remove/", lists.entry_remove, name="entry_remove"),
    path(D + "mentors/", lists.mentor_pairs, name="mentor_pairs"),
    path(D + "curators/", lists.curators, name="curators"),
    path(D + "people/", people.district_people_page, name="district_people"),
    path(D + "people/invitations/<int:pk>/resend/", people.district_invitation_resend,
         name="district_invitation_resend"),
    path(D + "people/invitations/<int:pk>/cancel/", people.district_invitation_cancel,
         name="district_invitation_cancel"),
    path(D + "imports/school-list/", imports.school_list_import_upload, name="school_list_import"),
    path(D + "imports/school-list/<str:token>/", imports.school_list_import_preview,
         name="school_list_import_preview"),
    # the region's risk-factor catalogue (its working group)
    path(RF, risk.risk_factors, name="risk_factors"),
    path(RF + "new/", risk.risk_factor_new, name="risk_factor_new"),
    path(RF + "<int:pk>/", risk.risk_factor_row, name="risk_factor_row"),
    path(RF + "<int:pk>/edit/", risk.risk_factor_edit, name="risk_factor_edit"),
    path(RF + "<int:pk>/active/", risk.risk_factor_toggle, name="risk_factor_toggle"),
    path(RF + "<int:pk>/move/", risk.risk_factor_move_view, name="risk_factor_move"),
]
