"""Signing in: the page shown to someone locked out after too many failures (django-axes);
setting a password by a one-time link (an invitation, «Забыли пароль?»)."""
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse, reverse_lazy

from ..forms.auth import LoginForm
from ..forms.people import RussianPasswordResetForm, RussianSetPasswordForm
from ..selectors.workplaces import workplaces
from ..services.invitations import invitations_accept


def locked_out(request, response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, with the Russian reason, status 429 —
    at /login/ and at the admin's login alike."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = LoginForm(request, initial={"username": username})
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "schools/login.html", {
        "form": form, "locked_out": True, "lockout_minutes": minutes,
        "next": request.POST.get("next", request.GET.get("next", "")),
    }, status=429)


def attempted_username(request, credentials):
    """AXES_USERNAME_CALLABLE: the address as the account knows it, so that «Ivanova@…» and
    «ivanova@…» count as one account."""
    return ((credentials or {}).get("username") or "").strip().lower()


# --- setting a password by a one-time link: an invitation, «Забыли пароль?» ---------------

class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The link of a password-reset e-mail (Django's token, PASSWORD_RESET_TIMEOUT): sets
    the password, accepts the person's pending invitations, lifts a sign-in lockout of
    the account (the person proved they own the mailbox); then the «done» page."""

    form_class = RussianSetPasswordForm
    template_name = "schools/password_set.html"
    invitation = False

    def form_valid(self, form):
        response = super().form_valid(form)
        invitations_accept(user=self.user)
        axes_reset(username=self.user.email)
        return response

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "invitation": self.invitation}


class InvitationAcceptView(PasswordSetView):
    """The link of an invitation: the same token; the person is signed in and taken to
    their workplace."""

    invitation = True
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def get_success_url(self):
        places = workplaces(self.user)
        return places[0].url if places else reverse("home")


class PasswordResetRequestView(auth_views.PasswordResetView):
    form_class = RussianPasswordResetForm
    template_name = "schools/password_reset.html"
    subject_template_name = "schools/email/password_reset_subject.txt"
    email_template_name = "schools/email/password_reset.txt"
    html_email_template_name = "schools/email/password_reset.html"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):  # Django's form_valid hands it to the form's save()
        return {"site_url": settings.SITE_URL, "days": settings.PASSWORD_RESET_TIMEOUT // 86400}
