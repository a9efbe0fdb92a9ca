"""Signing in: the page shown to someone locked out after too many failures (django-axes)."""
from django.conf import settings
from django.shortcuts import render

from ..forms.auth import LoginForm


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
