"""The programme's cycle over HTTP: the panel's buttons, refusals, the edit lock, the
timeline, the PDF download and «what changed»; cross-tenant 404s and query counts."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import Roadmap, Submission, Transition
from roadmaps.services import workflow
from roadmaps.services.measures import measure_create, measure_update
from roadmaps.services.sections import section_create
from roadmaps.tasks import render_submission
from tests.factories import UserFactory

HX = {"HTTP_HX_REQUEST": "true"}
S = Roadmap.Status


@pytest.fixture
def programme(school_roadmap_a, coordinator_a):
    section = section_create(roadmap=school_roadmap_a, title="Низкая учебная мотивация",
                             acting_user=coordinator_a)
    measure_create(roadmap=school_roadmap_a, acting_user=coordinator_a, section=section,
                   text="Диагностика мотивации", deadline_text="Сентябрь 2026",
                   responsible_text="Заместитель директора")
    return school_roadmap_a


def url(name, roadmap, *extra):
    return reverse(name, args=[roadmap.district.slug, roadmap.pk, *extra])


def post_step(client, roadmap, name, comment="", status=None, last=None, **headers):
    roadmap.refresh_from_db()
    data = {"name": name, "comment": comment, "expected_status": status or roadmap.status}
    if last is not None:
        data["expected_transition"] = last
    return client.post(url("programme_transition", roadmap), data, **headers)


def take(roadmap, user, name, comment=""):
    roadmap.refresh_from_db()
    return workflow.transition_apply(roadmap=roadmap, user=user, name=name, comment=comment,
                                     expected_status=roadmap.status)


# --- the panel ---------------------------------------------------------------------------

def test_the_director_sees_the_submit_button_on_a_draft(client_for, director_a, programme):
    html = client_for(director_a).get(url("roadmap_detail", programme)).content.decode()
    assert "Согласование программы" in html and "Подать на рассмотрение" in html
    assert "Направить на согласование в РРГ" not in html
    assert url("programme_timeline", programme) in html


def test_the_coordinator_sees_the_review_buttons_once_submitted(
        client_for, director_a, coordinator_a, programme):
    html = client_for(coordinator_a).get(url("roadmap_detail", programme)).content.decode()
    assert "Подать на рассмотрение" not in html  # directors submit
    take(programme, director_a, "submit")
    html = client_for(coordinator_a).get(url("roadmap_detail", programme)).content.decode()
    assert "Направить на согласование в РРГ" in html and "Вернуть на доработку" in html


def test_a_curator_sees_the_status_and_no_buttons(client_for, curator_a, director_a, programme):
    take(programme, director_a, "submit")
    html = client_for(curator_a).get(url("roadmap_detail", programme)).content.decode()
    assert "на рассмотрении муниципалитета" in html
    assert 'name="expected_status"' not in html


def test_a_municipal_roadmap_has_no_panel_and_no_cycle_pages(client_for, coordinator_a,
                                                              roadmap_a):
    client = client_for(coordinator_a)
    assert "Согласование программы" not in client.get(url("roadmap_detail", roadmap_a)).content.decode()
    assert client.get(url("programme_timeline", roadmap_a)).status_code == 404
    assert post_step(client, roadmap_a, "forward").status_code == 404


# --- transitions over HTTP ---------------------------------------------------------------

def test_submitting_with_htmx_redirects_to_the_programme(client_for, director_a, programme):
    response = post_step(client_for(director_a), programme, "submit", **HX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == url("roadmap_detail", programme)
    programme.refresh_from_db()
    assert programme.status == S.SUBMITTED
    assert Submission.objects.filter(roadmap=programme).count() == 1


def test_submitting_without_javascript_redirects_too(client_for, director_a, programme):
    response = post_step(client_for(director_a), programme, "submit")
    assert response.status_code == 302 and response["Location"] == url("roadmap_detail", programme)


def test_a_return_without_a_comment_is_refused_in_place(client_for, director_a, coordinator_a,
                                                        programme):
    take(programme, director_a, "submit")
    response = post_step(client_for(coordinator_a), programme, "return_municipal", "  ", **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="programme-panel"' in html and "<html" not in html
    assert "Напишите, что нужно доработать" in html
    programme.refresh_from_db()
    assert programme.status == S.SUBMITTED


def test_a_stale_form_is_refused_and_never_applied_twice(client_for, director_a, programme):
    client = client_for(director_a)
    first = post_step(client, programme, "submit", status=S.DRAFT, last=0, **HX)
    second = post_step(client, programme, "submit", status=S.DRAFT, last=0, **HX)
    assert first.status_code == 200 and second.status_code == 409
    html = second.content.decode()
    assert "Программа уже в статусе «на рассмотрении муниципалитета»" in html
    assert "Обновите страницу" in html and director_a.display_name in html
    assert Transition.objects.filter(roadmap=programme).count() == 1
    assert Submission.objects.filter(roadmap=programme).count() == 1


def test_a_refused_transition_is_403_with_a_russian_message(client_for, curator_a, programme):
    response = post_step(client_for(curator_a), programme, "submit")
    assert response.status_code == 403
    assert "не для вашей роли" in response.content.decode()
    programme.refresh_from_db()
    assert programme.status == S.DRAFT


def test_a_coordinator_may_not_submit_for_the_director(client_for, coordinator_a, programme):
    assert post_step(client_for(coordinator_a), programme, "submit").status_code == 403


def test_an_unknown_transition_is_refused(client_for, director_a, programme):
    response = post_step(client_for(director_a), programme, "publish", **HX)
    assert response.status_code == 422
    assert "Такого действия с программой нет" in response.content.decode()


# --- the edit lock -----------------------------------------------------------------------

def test_under_review_the_editor_refuses_and_hides_its_buttons(client_for, director_a,
                                                                coordinator_a, programme):
    measure = programme.measures.get()
    client = client_for(director_a)
    page = client.get(url("roadmap_detail", programme)).content.decode()
    assert reverse("section_new", args=[programme.district.slug, programme.pk]) in page
    take(programme, director_a, "submit")
    page = client.get(url("roadmap_detail", programme)).content.decode()
    assert reverse("section_new", args=[programme.district.slug, programme.pk]) not in page
    assert reverse("measure_edit", args=[programme.district.slug, measure.pk]) not in page
    assert reverse("roadmap_settings", args=[programme.district.slug, programme.pk]) not in page
    assert "её содержание не редактируется" in page
    for who in (director_a, coordinator_a):
        c = client_for(who)
        edit = c.post(reverse("measure_edit", args=[programme.district.slug, measure.pk]),
                      {"text": "Правка", "version": measure.version}, **HX)
        assert edit.status_code == 403
        assert c.post(reverse("section_new", args=[programme.district.slug, programme.pk]),
                      {"title": "Новый"}, **HX).status_code == 403
        assert c.get(url("roadmap_settings", programme)).status_code == 403
    measure.refresh_from_db()
    assert measure.text == "Диагностика мотивации"


def test_the_roadmap_page_says_a_refused_edit_in_russian_in_the_notice(client_for, director_a,
                                                                       programme):
    """A refused htmx edit (403) is said in the page's notice by roadmap_edit.js."""
    take(programme, director_a, "submit")
    page = client_for(director_a).get(url("roadmap_detail", programme)).content.decode()
    assert 'id="notice"' in page and "js/roadmap_edit.js" in page
    from django.contrib.staticfiles import finders
    script = open(finders.find("js/roadmap_edit.js"), encoding="utf-8").read()
    assert "Недостаточно прав для этого действия." in script


def test_amending_an_approved_programme_reopens_it_and_keeps_the_approved_version(
        client_for, director_a, coordinator_a, regional_member, programme):
    take(programme, director_a, "submit")
    take(programme, coordinator_a, "forward")
    take(programme, regional_member, "agree")
    take(programme, coordinator_a, "approve")
    sub = Submission.objects.get(roadmap=programme)
    render_submission(sub.pk)
    client = client_for(director_a)
    assert client.get(url("roadmap_settings", programme)).status_code == 403
    assert post_step(client, programme, "amend", **HX).status_code == 200
    assert client.get(url("roadmap_settings", programme)).status_code == 200
    page = client.get(url("roadmap_detail", programme)).content.decode()
    assert "Утверждённая версия (№ 1, PDF)" in page
    timeline = client.get(url("programme_timeline", programme)).content.decode()
    assert "утверждённая версия" in timeline


# --- the timeline, the PDF, the changes ----------------------------------------------------

def test_the_timeline_lists_every_step_with_role_local_time_and_comment(
        client_for, director_a, coordinator_a, programme):
    take(programme, director_a, "submit")
    row = take(programme, coordinator_a, "return_municipal", "Уточните сроки мероприятий")
    html = client_for(director_a).get(url("programme_timeline", programme)).content.decode()
    local = row.created_at.astimezone(programme.district.region.zone).strftime("%d.%m.%Y %H:%M")
    assert local in html
    assert "муниципальный координатор" in html and "директор школы" in html
    assert "Уточните сроки мероприятий" in html
    assert "на рассмотрении муниципалитета → <b>возвращена на доработку</b>" in html
    assert "PDF в очереди на формирование" in html


def test_the_pdf_downloads_once_rendered(client_for, director_a, regional_member, programme):
    sub = take(programme, director_a, "submit").submission
    client = client_for(regional_member)
    assert client.get(url("submission_pdf", programme, 1)).status_code == 404  # not yet
    render_submission(sub.pk)
    response = client.get(url("submission_pdf", programme, 1))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert client.get(url("submission_pdf", programme, 2)).status_code == 404


def test_a_failed_pdf_is_shown_in_russian_and_retried(client_for, director_a, curator_a,
                                                      programme):
    sub = take(programme, director_a, "submit").submission
    workflow.submission_render_failed(submission_id=sub.pk, error="Не удалось сформировать PDF")
    client = client_for(director_a)
    html = client.get(url("programme_timeline", programme)).content.decode()
    assert "PDF не сформирован" in html and "Сформировать ещё раз" in html
    assert client_for(curator_a).post(url("submission_render_retry", programme, 1)).status_code == 403
    client = client_for(director_a)
    response = client.post(url("submission_render_retry", programme, 1))
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.render_state == Submission.RenderState.QUEUED


def test_the_changes_page_shows_what_changed_since_the_previous_submission(
        client_for, director_a, coordinator_a, regional_member, programme):
    take(programme, director_a, "submit")
    take(programme, coordinator_a, "return_municipal", "Добавьте мероприятие")
    measure = programme.measures.get()
    measure_update(measure=measure, acting_user=director_a, text="Диагностика мотивации",
                   deadline_text="Октябрь 2026", responsible_text=measure.responsible_text,
                   expected_version=measure.version)
    measure_create(roadmap=programme, acting_user=director_a, text="Родительское собрание",
                   section=measure.section, deadline_text="Ноябрь 2026")
    take(programme, director_a, "submit")
    html = client_for(regional_member).get(url("submission_changes", programme, 2)).content.decode()
    assert "Добавлены мероприятия: 1" in html and "Родительское собрание" in html
    assert "Изменены мероприятия: 1" in html
    assert "<del>Сентябрь 2026</del>" in html and "<ins>Октябрь 2026</ins>" in html
    assert client_for(regional_member).get(url("submission_changes", programme, 3)).status_code == 404


# --- tenants and roles -----------------------------------------------------------------------

def _every_address(programme):
    return [("get", url("programme_timeline", programme)),
            ("get", url("submission_pdf", programme, 1)),
            ("get", url("submission_changes", programme, 1)),
            ("post", url("submission_render_retry", programme, 1)),
            ("post", url("programme_transition", programme))]


def test_another_tenant_gets_404_on_every_page_and_action(client_for, director_a, coordinator_b,
                                                           programme):
    sub = take(programme, director_a, "submit").submission
    render_submission(sub.pk)
    other_region_member = UserFactory(email="rrg-other@example.ru")
    from schools.models import Role
    from schools.services.memberships import membership_grant
    from tests.factories import RegionFactory
    membership_grant(user=other_region_member, role=Role.REGIONAL,
                     region=RegionFactory(name="Самарская область", slug="samara"))
    for person in (coordinator_b, other_region_member):
        client = client_for(person)
        for method, address in _every_address(programme):
            data = {"name": "forward", "expected_status": "submitted"} if method == "post" else None
            assert getattr(client, method)(address, data).status_code == 404, (person, address)
    programme.refresh_from_db()
    assert programme.status == S.SUBMITTED


def test_another_schools_director_gets_404(client_for, director_a, other_school_roadmap_a,
                                            other_school_a):
    from schools.models import Role
    from schools.services.memberships import membership_grant
    other = UserFactory(email="director-other@example.ru")
    membership_grant(user=other, role=Role.DIRECTOR, organization=other_school_a)
    take(other_school_roadmap_a, other, "submit")
    client = client_for(director_a)
    for method, address in _every_address(other_school_roadmap_a):
        data = {"name": "forward", "expected_status": "submitted"} if method == "post" else None
        assert getattr(client, method)(address, data).status_code == 404, address
    assert client.get(url("roadmap_detail", other_school_roadmap_a)).status_code == 404


@pytest.mark.parametrize("who,expected", [
    ("director_a", 200), ("coordinator_a", 200), ("head_a", 200), ("curator_a", 200),
    ("regional_member", 200), ("coordinator_b", 404), (None, 302)])
def test_who_may_read_the_timeline(client, client_for, request, programme, who, expected):
    user = request.getfixturevalue(who) if who else None
    assert client_for(user).get(url("programme_timeline", programme)).status_code == expected


# --- query counts ----------------------------------------------------------------------------

def _cycle(programme, director, coordinator, rounds):
    for _ in range(rounds):
        take(programme, director, "submit")
        take(programme, coordinator, "return_municipal", "Доработайте")


def _count(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_timeline_costs_the_same_at_5_and_50_transitions(client_for, director_a,
                                                             coordinator_a, programme):
    client = client_for(coordinator_a)
    address = url("programme_timeline", programme)
    _cycle(programme, director_a, coordinator_a, 2)
    take(programme, director_a, "submit")  # 5 transitions, 3 submissions
    assert Transition.objects.filter(roadmap=programme).count() == 5
    small = _count(client, address)
    take(programme, coordinator_a, "return_municipal", "Ещё раз")
    _cycle(programme, director_a, coordinator_a, 22)
    take(programme, director_a, "submit")
    assert Transition.objects.filter(roadmap=programme).count() == 51
    assert _count(client, address) == small


def test_the_programme_page_panel_costs_the_same_with_a_long_history(client_for, director_a,
                                                                     coordinator_a, programme):
    client = client_for(coordinator_a)
    address = url("roadmap_detail", programme)
    _cycle(programme, director_a, coordinator_a, 2)
    small = _count(client, address)
    _cycle(programme, director_a, coordinator_a, 25)
    assert _count(client, address) == small


def test_the_programme_journal_lists_each_step_as_a_status_change(client_for, director_a,
                                                                 programme):
    take(programme, director_a, "submit")
    html = client_for(director_a).get(url("roadmap_history", programme)).content.decode()
    assert "смена статуса" in html and "submission" not in html


def test_the_timeline_marks_the_version_approved_last(director_a, coordinator_a, regional_member,
                                                      programme):
    from roadmaps.selectors.workflow import approved_submission_id, programme_timeline

    assert programme_timeline(programme).approved_id is None
    for _ in range(2):
        take(programme, director_a, "submit")
        take(programme, coordinator_a, "forward")
        take(programme, regional_member, "agree")
        take(programme, coordinator_a, "approve")
        approved = Submission.objects.filter(roadmap=programme).order_by("-number").first()
        assert programme_timeline(programme).approved_id == approved.pk
        take(programme, director_a, "amend")  # the approved version stays marked meanwhile
        assert programme_timeline(programme).approved_id == approved.pk
        assert approved_submission_id(programme) == approved.pk
    assert approved.number == 2


def test_a_refused_step_shows_its_message_under_its_own_form_only(client_for, director_a,
                                                                  coordinator_a, programme):
    take(programme, director_a, "submit")
    response = post_step(client_for(coordinator_a), programme, "return_municipal", "  ", **HX)
    html = response.content.decode()
    assert html.count('class="field-error"') == 1
    forward, returned = html.index('value="forward"'), html.index('value="return_municipal"')
    assert forward < returned < html.index("Напишите, что нужно доработать")
