"""Invitations: the coordinator invites directors and curators, the working group's lead
invites members; the e-mail is read from a real SMTP server on loopback, its link is
followed, a password set, and the person lands at their workplace."""
import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditRecord
from schools.models import Invitation, Membership, Role, User
from schools.services.invitations import invitation_create_for_district
from schools.services.memberships import membership_grant
from tests.factories import OrganizationFactory, UserFactory

LINK = re.compile(r"http://testserver(/invitation/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


def _people(district):
    return reverse("district_people", args=[district.slug])


def _invite_director(client, district, school, email="new.director@school.ru", **extra):
    return client.post(_people(district), {"role": "director", "email": email, "school": school.pk,
                                           "last_name": "Петрова", "first_name": "Анна",
                                           "middle_name": "Игоревна", **extra})


def _link(message) -> str:
    match = LINK.search(message.text)
    assert match, message.text
    assert match.group(0) in message.html
    return match.group(1)


# --- the whole way, through the real SMTP server ------------------------------------------------

def test_a_coordinator_invites_a_director_who_sets_a_password_and_lands_on_the_school(
        client_for, coordinator_a, district_a, school_a, mail_server, client):
    response = _invite_director(client_for(coordinator_a), district_a, school_a)
    assert response.status_code == 302
    user = User.objects.get(email="new.director@school.ru")
    assert not user.has_usable_password() and user.last_name == "Петрова"
    assert Membership.objects.filter(user=user, role=Role.DIRECTOR, organization=school_a).exists()
    invitation = Invitation.objects.get(user=user)
    assert invitation.invited_by == coordinator_a and invitation.accepted_at is None
    assert AuditRecord.objects.filter(target_type="invitation", target_id=invitation.pk,
                                      action=AuditRecord.Action.CREATE,
                                      district=district_a).exists()

    [message] = mail_server.wait_for(1)
    assert message.to == ["new.director@school.ru"]
    assert message.subject.strip() == "Приглашение в систему «Дорожные карты»: директор школы"
    assert "Анна Игоревна" in message.text and school_a.short_name in message.text
    assert "7 дней" in message.text and "Задать пароль и войти" in message.html
    link = _link(message)

    client.logout()
    opened = client.get(link)
    assert opened.status_code == 302  # the token moves into the session
    form_page = client.get(opened["Location"])
    assert "Задайте пароль для входа" in form_page.content.decode()
    done = client.post(opened["Location"], {"new_password1": "Kedr-Tomsk-2026",
                                            "new_password2": "Kedr-Tomsk-2026"})
    assert done.status_code == 302
    assert done["Location"] == reverse("school_detail", args=[district_a.slug, school_a.pk])
    assert client.get(done["Location"]).status_code == 200  # signed in
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    client.logout()
    signed_in = client.post(reverse("login"), {"username": "new.director@school.ru",
                                               "password": "Kedr-Tomsk-2026"})
    assert signed_in.status_code == 302
    # the link worked once
    client.logout()
    again = client.get(link)
    assert "Ссылка больше не действует" in again.content.decode()
    assert "Запросить новую ссылку" in again.content.decode()


def test_a_curator_is_invited_with_the_schools_they_follow(
        client_for, coordinator_a, district_a, school_a, other_school_a, mail_server):
    response = client_for(coordinator_a).post(_people(district_a), {
        "role": "curator", "email": "Curator.New@Example.RU",
        "schools": [school_a.pk, other_school_a.pk]})
    assert response.status_code == 302
    user = User.objects.get(email="curator.new@example.ru")
    assert Membership.objects.filter(user=user, role=Role.CURATOR, district=district_a).exists()
    page = client_for(coordinator_a).get(_people(district_a)).content.decode()
    assert school_a.short_name in page and other_school_a.short_name in page
    [message] = mail_server.wait_for(1)
    assert message.subject.strip().endswith(": куратор")


def test_an_active_person_invited_to_a_second_place_is_told_the_role_was_added(
        client_for, coordinator_a, district_a, school_a, coordinator_b, mail_server):
    response = _invite_director(client_for(coordinator_a), district_a, school_a,
                                email="COORD-B@example.ru")
    assert response.status_code == 302
    assert Membership.objects.filter(user=coordinator_b, role=Role.DIRECTOR).exists()
    coordinator_b.refresh_from_db()
    assert coordinator_b.check_password("secret-pass")  # the password is untouched
    [message] = mail_server.wait_for(1)
    assert message.subject.strip() == "Вам добавлена роль в системе «Дорожные карты»: директор школы"
    assert "/invitation/" not in message.text and "/login/" in message.text
    assert Invitation.objects.get(user=coordinator_b).accepted_at is not None


def test_an_expired_link_shows_the_russian_page_with_a_new_link_offer(
        client_for, coordinator_a, district_a, school_a, mail_server, client, monkeypatch):
    _invite_director(client_for(coordinator_a), district_a, school_a)
    link = _link(mail_server.wait_for(1)[0])
    client.logout()
    later = datetime.now() + timedelta(days=7, minutes=1)  # the generator's own clock
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ссылка больше не действует" in html and reverse("password_reset") in html


def test_a_link_within_seven_days_still_works(
        client_for, coordinator_a, district_a, school_a, mail_server, client, monkeypatch):
    _invite_director(client_for(coordinator_a), district_a, school_a)
    link = _link(mail_server.wait_for(1)[0])
    client.logout()
    later = datetime.now() + timedelta(days=6, hours=23)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    assert client.get(link).status_code == 302


def test_resending_sends_the_link_again_and_cancelling_takes_the_role_and_the_link_away(
        client_for, coordinator_a, district_a, school_a, mail_server, client):
    coordinator = client_for(coordinator_a)
    _invite_director(coordinator, district_a, school_a)
    invitation = Invitation.objects.get()
    mail_server.wait_for(1)
    assert coordinator.post(reverse("district_invitation_resend",
                                    args=[district_a.slug, invitation.pk])).status_code == 302
    second = mail_server.wait_for(2)[1]
    link = _link(second)
    assert coordinator.post(reverse("district_invitation_cancel",
                                    args=[district_a.slug, invitation.pk])).status_code == 302
    assert not Invitation.objects.exists()
    assert not Membership.objects.filter(user=invitation.user).exists()
    client.logout()
    assert "Ссылка больше не действует" in client.get(link).content.decode()


# --- bad input: Russian messages, nothing lost ------------------------------------------------

def test_an_invalid_address_is_refused_in_russian_keeping_what_was_typed(
        client_for, coordinator_a, district_a, school_a, mail_server):
    response = _invite_director(client_for(coordinator_a), district_a, school_a, email="anna@")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Введите правильный адрес электронной почты" in html
    assert 'value="anna@"' in html and 'value="Петрова"' in html
    assert not User.objects.filter(last_name="Петрова").exists() and len(mail_server) == 0


def test_a_school_of_another_district_is_refused(client_for, coordinator_a, district_a, school_b,
                                                  mail_server):
    response = _invite_director(client_for(coordinator_a), district_a, school_b)
    assert response.status_code == 400
    assert f"Эта школа не относится к муниципалитету «{district_a.name}»" in response.content.decode()
    assert not Invitation.objects.exists() and len(mail_server) == 0


def test_the_service_refuses_a_school_of_another_district_too(coordinator_a, district_a, school_b):
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError, match="не относится к муниципалитету"):
        invitation_create_for_district(district=district_a, email="x@school.ru", role=Role.DIRECTOR,
                                       school=school_b, acting_user=coordinator_a)
    assert not User.objects.filter(email="x@school.ru").exists()


def test_a_director_without_a_school_is_refused(client_for, coordinator_a, district_a, mail_server):
    response = client_for(coordinator_a).post(_people(district_a), {
        "role": "director", "email": "d@school.ru"})
    assert response.status_code == 400
    assert "Выберите школу, директора которой приглашаете" in response.content.decode()


def test_a_person_who_holds_the_role_already_is_refused(client_for, coordinator_a, district_a,
                                                        school_a, director_a, mail_server):
    response = _invite_director(client_for(coordinator_a), district_a, school_a,
                                email=director_a.email.upper())
    assert response.status_code == 400
    assert "уже есть роль «директор школы»" in response.content.decode()
    assert not Invitation.objects.exists() and len(mail_server) == 0


def test_an_smtp_server_that_is_down_leaves_the_invitation_to_resend(
        client_for, coordinator_a, district_a, school_a, settings):
    from tests.support.mail import free_port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    response = _invite_director(client_for(coordinator_a), district_a, school_a)
    assert response.status_code == 302
    page = client_for(coordinator_a).get(response["Location"]).content.decode()
    assert "письмо на new.director@school.ru не отправлено" in page
    assert "Отправить снова" in page
    assert Invitation.objects.filter(accepted_at__isnull=True).count() == 1


# --- who may: roles and tenants -------------------------------------------------------------------

@pytest.mark.parametrize("who, get_status, post_status", [
    ("coordinator_a", 200, 302),
    ("head_a", 200, 403),
    ("regional_member", 200, 403),
    ("curator_a", 403, 403),
    ("director_a", 403, 403),  # a district's pages are not for its schools' directors
    ("coordinator_b", 404, 404),
    (None, 302, 302),
])
def test_who_sees_the_people_page_and_who_may_invite(request, client_for, district_a, school_a,
                                                      who, get_status, post_status, mail_server):
    user = request.getfixturevalue(who) if who else None
    client = client_for(user)
    assert client.get(_people(district_a)).status_code == get_status
    response = _invite_director(client, district_a, school_a)
    assert response.status_code == post_status
    assert Invitation.objects.exists() == (post_status == 302 and user is not None)


def test_a_head_sees_the_people_without_the_invite_form(client_for, head_a, coordinator_a,
                                                       district_a):
    html = client_for(head_a).get(_people(district_a)).content.decode()
    assert coordinator_a.display_name in html and "Отправить приглашение" not in html


def test_another_districts_invitation_cannot_be_resent_or_cancelled(
        client_for, coordinator_a, coordinator_b, district_a, district_b, school_a, mail_server):
    _invite_director(client_for(coordinator_a), district_a, school_a)
    invitation = Invitation.objects.get()
    other = client_for(coordinator_b)
    for name in ("district_invitation_resend", "district_invitation_cancel"):
        assert other.post(reverse(name, args=[district_b.slug, invitation.pk])).status_code == 404
        assert other.post(reverse(name, args=[district_a.slug, invitation.pk])).status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_head_cannot_cancel_an_invitation(client_for, coordinator_a, head_a, district_a,
                                            school_a, mail_server):
    _invite_director(client_for(coordinator_a), district_a, school_a)
    invitation = Invitation.objects.get()
    response = client_for(head_a).post(reverse("district_invitation_cancel",
                                               args=[district_a.slug, invitation.pk]))
    assert response.status_code == 403 and Invitation.objects.filter(pk=invitation.pk).exists()


# --- a region's working group -----------------------------------------------------------------------

@pytest.fixture
def lead(region):
    user = UserFactory(email="lead@example.ru", last_name="Лидова")
    membership = membership_grant(user=user, role=Role.REGIONAL, region=region)
    membership.is_lead = True
    membership.save(update_fields=["is_lead"])
    return user


def _members(region):
    return reverse("region_members", args=[region.slug])


def test_the_lead_invites_a_regional_member(client_for, lead, region, mail_server, client):
    response = client_for(lead).post(_members(region), {"email": "member@region.ru",
                                                         "last_name": "Новикова"})
    assert response.status_code == 302
    user = User.objects.get(email="member@region.ru")
    assert Membership.objects.filter(user=user, role=Role.REGIONAL, region=region).exists()
    [message] = mail_server.wait_for(1)
    assert message.subject.strip().endswith("член региональной рабочей группы")
    link = _link(message)
    client.logout()
    form = client.get(link)["Location"]
    done = client.post(form, {"new_password1": "Kedr-Tomsk-2026", "new_password2": "Kedr-Tomsk-2026"})
    assert done["Location"] == reverse("region_detail", args=[region.slug])


def test_a_member_who_is_not_the_lead_sees_the_list_without_the_form(
        client_for, lead, regional_member, region):
    client = client_for(regional_member)
    response = client.get(_members(region))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Лидова" in html and "руководитель группы" in html
    assert "Отправить приглашение" not in html
    assert client.post(_members(region), {"email": "x@region.ru"}).status_code == 403
    assert not User.objects.filter(email="x@region.ru").exists()


@pytest.mark.parametrize("who", ["coordinator_a", "director_a", "curator_a", "head_a"])
def test_people_outside_the_working_group_get_404(request, client_for, region, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(_members(region)).status_code == 404
    assert client.post(_members(region), {"email": "x@region.ru"}).status_code == 404


def test_a_lead_of_another_region_gets_404(client_for, other_region_district, lead, region):
    other = other_region_district.region
    assert client_for(lead).get(_members(other)).status_code == 404


# --- query counts ------------------------------------------------------------------------------------

def _add_people(district, n):
    for i in range(n):
        school = OrganizationFactory(district=district)
        membership_grant(user=UserFactory(), role=Role.DIRECTOR, organization=school)
        curator = UserFactory()
        membership_grant(user=curator, role=Role.CURATOR, district=district)
        from schools.services.memberships import curator_assign_schools
        curator_assign_schools(curator=curator, district=district, schools=[school])
        Invitation.objects.create(email=f"pending{district.pk}-{i}-{n}@school.ru",
                                  role=Role.DIRECTOR, district=district, organization=school,
                                  user=UserFactory(), invited_by=None)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_people_page_query_count_does_not_grow_with_people(client_for, coordinator_a,
                                                                district_a):
    client = client_for(coordinator_a)
    _add_people(district_a, 5)
    small = _queries(client, _people(district_a))
    _add_people(district_a, 45)  # 50 of each
    html = client.get(_people(district_a)).content.decode()
    assert html.count('class="person"') >= 100
    assert _queries(client, _people(district_a)) == small


def test_the_members_page_query_count_does_not_grow_with_members(client_for, lead, region):
    client = client_for(lead)

    def add(n):
        for _ in range(n):
            membership_grant(user=UserFactory(), role=Role.REGIONAL, region=region)
            Invitation.objects.create(email="p@r.ru", role=Role.REGIONAL, region=region,
                                      user=UserFactory(), invited_by=lead)
    add(5)
    small = _queries(client, _members(region))
    add(45)
    assert _queries(client, _members(region)) == small


def test_the_district_page_links_the_coordinator_to_the_people(client_for, coordinator_a,
                                                               curator_a, district_a):
    url = reverse("district_detail", args=[district_a.slug])
    assert _people(district_a) in client_for(coordinator_a).get(url).content.decode()
    assert _people(district_a) not in client_for(curator_a).get(url).content.decode()


def test_the_admin_lists_invitations_read_only(client_for, district_a, school_a, coordinator_a,
                                               mail_server):
    invitation_create_for_district(district=district_a, email="d@school.ru", role=Role.DIRECTOR,
                                   school=school_a, acting_user=coordinator_a)
    client = client_for(UserFactory(email="root@example.ru", is_superuser=True, is_staff=True))
    page = client.get(reverse("admin:schools_invitation_changelist"))
    assert page.status_code == 200 and "d@school.ru" in page.content.decode()
    assert client.get(reverse("admin:schools_invitation_add")).status_code == 403
