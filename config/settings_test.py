"""Test settings: the real PostgreSQL and Redis of this machine, development secrets."""
import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/roadmaps")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client and live server speak http

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# one media folder per test database, so parallel runs never share files
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / DATABASES["default"]["NAME"].removeprefix("test_")  # noqa: F405
WHITENOISE_USE_FINDERS = True
(BASE_DIR / "var" / "staticfiles").mkdir(parents=True, exist_ok=True)  # noqa: F405
