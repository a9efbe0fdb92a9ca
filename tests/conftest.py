"""Named fixtures: the people of two districts of one region, and a stranger.

Tests need the real PostgreSQL and Redis: if either is missing the session fails loudly.
"""
import os

import pytest
import redis as redis_lib
from django.conf import settings

from schools.models import Organization, Role
from schools.services.memberships import curator_assign_schools, membership_grant

from .factories import (
    DistrictFactory,
    OrganizationFactory,
    RegionFactory,
    RoadmapFactory,
    SchoolListEntryFactory,
    UserFactory,
)

PASSWORD = "secret-pass"


def pytest_sessionstart(session):
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis_lib.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis_lib.exceptions.RedisError as exc:
        raise pytest.UsageError(f"Redis is required for the test suite and does not answer at {url}: {exc}") from exc


@pytest.fixture
def region(db):
    return RegionFactory(name="Томская область", slug="tomsk", time_zone="Asia/Tomsk")


@pytest.fixture
def district_a(region):
    return DistrictFactory(region=region, name="Молчановский район", slug="molchanovo")


@pytest.fixture
def district_b(region):
    return DistrictFactory(region=region, name="Кожевниковский район", slug="kozhevnikovo")


@pytest.fixture
def other_region_district(db):
    other = RegionFactory(name="Пензенская область", slug="penza", time_zone="Europe/Moscow")
    return DistrictFactory(region=other, name="Мокшанский район", slug="mokshan")


@pytest.fixture
def school_a(district_a):
    return OrganizationFactory(district=district_a, short_name="МКОУ Кармаклинская СОШ")


@pytest.fixture
def other_school_a(district_a):
    return OrganizationFactory(district=district_a, short_name="МКОУ Тополевская ООШ")


@pytest.fixture
def body_a(district_a):
    return OrganizationFactory(district=district_a, kind=Organization.Kind.SUPPORTING_BODY,
                               short_name="ТОИПКРО", full_name="Томский областной институт")


@pytest.fixture
def school_b(district_b):
    return OrganizationFactory(district=district_b, short_name="МАОУ Кожевниковская СОШ № 1")


@pytest.fixture
def roadmap_a(district_a):
    return RoadmapFactory(district=district_a, title="Муниципальная дорожная карта А")


@pytest.fixture
def school_roadmap_a(district_a, school_a):
    return RoadmapFactory(district=district_a, school=school_a, title="Программа Кармаклинской СОШ")


@pytest.fixture
def other_school_roadmap_a(district_a, other_school_a):
    return RoadmapFactory(district=district_a, school=other_school_a, title="Программа Тополевской ООШ")


@pytest.fixture
def roadmap_b(district_b):
    return RoadmapFactory(district=district_b, title="Муниципальная дорожная карта Б")


@pytest.fixture
def list_entry_a(school_a):
    return SchoolListEntryFactory(school_list__district=school_a.district, organization=school_a)


def _person(email, role, **where):
    user = UserFactory(email=email)
    membership_grant(user=user, role=role, **where)
    return user


@pytest.fixture
def coordinator_a(district_a):
    return _person("coord-a@example.ru", Role.COORDINATOR, district=district_a)


@pytest.fixture
def head_a(district_a):
    return _person("head-a@example.ru", Role.HEAD, district=district_a)


@pytest.fixture
def curator_a(district_a, school_a):
    user = _person("curator-a@example.ru", Role.CURATOR, district=district_a)
    curator_assign_schools(curator=user, district=district_a, schools=[school_a])
    return user


@pytest.fixture
def director_a(school_a):
    return _person("director-a@example.ru", Role.DIRECTOR, organization=school_a)


@pytest.fixture
def regional_member(region):
    return _person("rrg@example.ru", Role.REGIONAL, region=region)


@pytest.fixture
def coordinator_b(district_b):
    return _person("coord-b@example.ru", Role.COORDINATOR, district=district_b)


@pytest.fixture
def client_for(client):
    """Log a person in: `client_for(coordinator_a).get(url)`."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- browser tests: Debian's Chromium, never a downloaded browser -----------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "locale": "ru-RU"}


@pytest.fixture
def artifacts_dir():
    path = settings.BASE_DIR / "var" / "test-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- e-mail: a real SMTP server on loopback ------------------------------------------------

@pytest.fixture(scope="session")
def _smtp_server():
    from .support.mail import SMTPServer

    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def mail_server(_smtp_server, settings):
    """Django's SMTP backend talking to a real SMTP server; returns its Mailbox."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    _smtp_server.mailbox.clear()
    yield _smtp_server.mailbox
    _smtp_server.mailbox.clear()
