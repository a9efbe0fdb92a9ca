"""Writes of people's accounts."""
from __future__ import annotations

import secrets

from ..models import User


def user_get_or_create(*, email: str, first_name: str = "", last_name: str = "",
                       middle_name: str = "", password: str | None = None) -> tuple[User, bool, str | None]:
    """Returns the user, whether it was created and the new password (None if unchanged)."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user:
        return user, False, None
    new_password = password or secrets.token_urlsafe(9)
    user = User(email=email, username=email, first_name=first_name, last_name=last_name,
                middle_name=middle_name)
    user.set_password(new_password)
    user.full_clean()
    user.save()
    return user, True, new_password
