"""Comments on a school programme and on its measures: who may comment and resolve, the
threads on the page, htmx replies, and queries that do not grow with the comments."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import Comment
from roadmaps.selectors.comments import open_comment_counts
from roadmaps.services.comments import comment_create, comment_reply, comment_resolve
from schools.models import Role
from tests.conftest import _person
from tests.factories import (
    MeasureFactory,
    OrganizationFactory,
    RegionFactory,
    RoadmapFactory,
)

HX = {"HTTP_HX_REQUEST": "true"}
VIEWERS = ["director_a", "coordinator_a", "head_a", "curator_a", "regional_member"]


def _u(name, roadmap, *args):
    return reverse(name, args=[roadmap.district.slug, roadmap.pk, *args])


def _page(client, roadmap):
    return client.get(reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk]))


@pytest.fixture
def measure_a(school_roadmap_a):
    return MeasureFactory(roadmap=school_roadmap_a, number="1.2",
                          text="Провести диагностику предметных дефицитов учителей математики")


# --- who may comment -------------------------------------------------------------------------

@pytest.mark.parametrize("who, label", [
    ("director_a", "директор школы"), ("coordinator_a", "муниципальный координатор"),
    ("head_a", "руководитель управления образования"), ("curator_a", "куратор"),
    ("regional_member", "член РРГ"),
])
def test_everyone_who_sees_the_programme_comments_with_their_role(
        request, client_for, school_roadmap_a, who, label):
    user = request.getfixturevalue(who)
    user.last_name, user.first_name = "Губина", "Светлана"
    user.save()
    client = client_for(user)
    response = client.post(_u("comment_new", school_roadmap_a), {"text": "Уточните сроки раздела 2"}, **HX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#programme-comments"
    html = response.content.decode()
    assert html.startswith('<section id="programme-comments"')
    assert "Уточните сроки раздела 2" in html and "Губина С." in html and label in html
    comment = Comment.objects.get(roadmap=school_roadmap_a)
    assert comment.author == user and comment.author_role != ""
    # the time is the region's (Tomsk, UTC+7), dd.mm.yyyy HH:MM
    local = comment.created_at.astimezone(school_roadmap_a.district.region.zone)
    assert local.strftime("%d.%m.%Y %H:%M") in html


@pytest.mark.parametrize("who", ["other_director", "coordinator_b", "other_regional", "curator_other"])
def test_people_who_do_not_see_the_programme_get_404_everywhere(
        request, client_for, school_roadmap_a, measure_a, regional_member, other_school_a, district_a, who):
    if who == "other_director":
        user = _person("dir-other@example.ru", Role.DIRECTOR, organization=other_school_a)
    elif who == "other_regional":
        penza = RegionFactory(name="Пензенская область", slug="penza")
        user = _person("rrg-penza@example.ru", Role.REGIONAL, region=penza)
    elif who == "curator_other":  # a curator of the district who does not follow school_a
        user = _person("cur-other@example.ru", Role.CURATOR, district=district_a)
    else:
        user = request.getfixturevalue(who)
    root = comment_create(roadmap=school_roadmap_a, acting_user=regional_member, text="Замечание")
    client = client_for(user)
    assert _page(client, school_roadmap_a).status_code == 404
    assert client.get(_u("programme_comments", school_roadmap_a), **HX).status_code == 404
    assert client.post(_u("comment_new", school_roadmap_a), {"text": "x"}, **HX).status_code == 404
    assert client.get(_u("comment_measure", school_roadmap_a, measure_a.pk), **HX).status_code == 404
    assert client.post(_u("comment_measure", school_roadmap_a, measure_a.pk), {"text": "x"}, **HX).status_code == 404
    assert client.post(_u("comment_reply", school_roadmap_a, root.pk), {"text": "x"}, **HX).status_code == 404
    assert client.post(_u("comment_resolve", school_roadmap_a, root.pk), **HX).status_code == 404
    assert Comment.objects.count() == 1 and Comment.objects.get().is_open


def test_a_comment_of_another_programme_is_not_reached_through_this_one(
        client_for, school_roadmap_a, other_school_roadmap_a, coordinator_a, regional_member):
    foreign = comment_create(roadmap=other_school_roadmap_a, acting_user=regional_member, text="Чужое")
    foreign_measure = MeasureFactory(roadmap=other_school_roadmap_a)
    client = client_for(coordinator_a)
    assert client.post(_u("comment_reply", school_roadmap_a, foreign.pk), {"text": "x"}, **HX).status_code == 404
    assert client.post(_u("comment_resolve", school_roadmap_a, foreign.pk), **HX).status_code == 404
    assert client.get(_u("comment_measure", school_roadmap_a, foreign_measure.pk), **HX).status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_open and not foreign.replies.exists()


def test_a_municipal_roadmap_has_no_comments(client_for, roadmap_a, coordinator_a):
    client = client_for(coordinator_a)
    assert client.post(_u("comment_new", roadmap_a), {"text": "x"}, **HX).status_code == 404
    assert "programme-comments" not in _page(client, roadmap_a).content.decode()


# --- who may resolve -------------------------------------------------------------------------

@pytest.mark.parametrize("who, allowed", [
    ("regional_member", True), ("coordinator_a", True), ("author", True),
    ("director_a", False), ("head_a", False), ("curator_a", False),
])
def test_who_may_resolve_a_thread(request, client_for, school_roadmap_a, curator_a, who, allowed):
    # the thread is started by the curator; the curator is its author
    author = curator_a
    root = comment_create(roadmap=school_roadmap_a, acting_user=author, text="Нет показателя")
    user = author if who == "author" else request.getfixturevalue(who)
    if who == "curator_a":  # another curator of the same school, not the author
        user = _person("cur-two@example.ru", Role.CURATOR, district=school_roadmap_a.district)
        from schools.services.memberships import curator_assign_schools
        curator_assign_schools(curator=user, district=school_roadmap_a.district,
                               schools=[school_roadmap_a.school])
    client = client_for(user)
    html = _page(client, school_roadmap_a).content.decode()
    assert ("Снять замечание</button>" in html) is allowed
    response = client.post(_u("comment_resolve", school_roadmap_a, root.pk), **HX)
    root.refresh_from_db()
    if allowed:
        assert response.status_code == 200
        assert root.resolved_by == user and not root.is_open
        assert "снято" in response.content.decode()
    else:
        assert response.status_code == 403 and root.is_open


def test_a_second_resolve_is_refused_with_a_russian_notice(client_for, school_roadmap_a, regional_member,
                                                            coordinator_a):
    root = comment_create(roadmap=school_roadmap_a, acting_user=regional_member, text="Замечание")
    regional_member.last_name = "Иванова"
    regional_member.save()
    comment_resolve(comment=root, acting_user=regional_member)
    response = client_for(coordinator_a).post(_u("comment_resolve", school_roadmap_a, root.pk), **HX)
    assert response.status_code == 409
    assert f"Замечание уже снято ({regional_member.display_name})." in response.content.decode()
    assert "Иванова" in regional_member.display_name
    assert Comment.objects.get(pk=root.pk).resolved_by == regional_member


def test_a_reply_to_a_resolved_thread_is_refused_and_the_block_says_why(
        client_for, school_roadmap_a, regional_member, director_a):
    root = comment_create(roadmap=school_roadmap_a, acting_user=regional_member, text="Замечание")
    comment_resolve(comment=root, acting_user=regional_member)
    response = client_for(director_a).post(_u("comment_reply", school_roadmap_a, root.pk),
                                           {"text": "Исправила"}, **HX)
    assert response.status_code == 409 and response["HX-Retarget"] == "#programme-comments"
    assert "Замечание уже снято" in response.content.decode()
    assert not root.replies.exists()


# --- threads on the page -----------------------------------------------------------------------

def test_replies_are_shown_under_their_comment_and_a_resolved_thread_collapses(
        client_for, school_roadmap_a, measure_a, regional_member, director_a, coordinator_a):
    open_root = comment_create(roadmap=school_roadmap_a, measure=measure_a, acting_user=regional_member,
                               text="Не указан целевой показатель")
    comment_reply(parent=open_root, acting_user=director_a, text="Добавлен", fixed=True)
    done = comment_create(roadmap=school_roadmap_a, acting_user=coordinator_a, text="Общее замечание")
    comment_resolve(comment=done, acting_user=coordinator_a)
    html = _page(client_for(director_a), school_roadmap_a).content.decode()
    block = html[html.index('id="programme-comments"'):]
    # the measure's thread is headed by its number and a short text
    assert "Мероприятие 1.2" in block and "Провести диагностику предметных дефицитов" in block
    thread = block[block.index(f'id="thread-{open_root.pk}"'):]
    thread = thread[:thread.index("</article>")]
    assert re.search(r'class="reply">\s*<div class="comment"', thread)
    assert "Исправлено: Добавлен" in thread
    assert thread.index("Не указан целевой показатель") < thread.index("Исправлено: Добавлен")
    # the director answers «Исправлено» but may not resolve
    assert 'name="fixed" value="1"' in thread and "Снять замечание" not in thread
    resolved = block[block.index(f'id="thread-{done.pk}"'):]
    resolved = resolved[:resolved.index("</article>")]
    assert "<details>" in resolved and "снято" in resolved and "Общее замечание" in resolved
    # one open thread on the programme: the badge, and the measure's count in its row
    assert "1 открытое" in block
    assert re.search(rf'id="mcc-{measure_a.pk}">1</span>', html)


def test_the_director_answers_fixed_with_or_without_words(school_roadmap_a, regional_member, director_a):
    root = comment_create(roadmap=school_roadmap_a, acting_user=regional_member, text="Сроки?")
    assert comment_reply(parent=root, acting_user=director_a, text="", fixed=True).text == "Исправлено."
    reply = comment_reply(parent=root, acting_user=director_a, text="сроки уточнены", fixed=True)
    assert reply.text == "Исправлено: сроки уточнены"
    # a reply to a reply joins the same thread
    nested = comment_reply(parent=reply, acting_user=regional_member, text="Спасибо")
    assert nested.parent_id == root.pk
    assert open_comment_counts([school_roadmap_a.pk]) == {school_roadmap_a.pk: 1}


def test_commenting_is_open_in_every_status(school_roadmap_a, regional_member, director_a):
    for status in ("draft", "submitted", "under_regional_review", "returned", "agreed", "approved"):
        school_roadmap_a.status = status
        school_roadmap_a.save(update_fields=["status"])
        root = comment_create(roadmap=school_roadmap_a, acting_user=regional_member, text=f"В статусе {status}")
        comment_reply(parent=root, acting_user=director_a, text="Ответ")
    assert Comment.objects.filter(roadmap=school_roadmap_a).count() == 12


# --- htmx: a new comment appears, an error comes back next to the form ----------------------------

@pytest.mark.parametrize("text, message", [
    ("", "Напишите текст комментария."),
    ("   \n ", "Напишите текст комментария."),
    ("я" * 4001, "Комментарий не длиннее 4000 символов (сейчас 4001)"),
])
def test_a_bad_programme_comment_is_swapped_in_at_the_form_in_russian(
        client_for, school_roadmap_a, regional_member, text, message):
    response = client_for(regional_member).post(_u("comment_new", school_roadmap_a), {"text": text}, **HX)
    assert response.status_code == 422
    assert "HX-Retarget" not in response
    html = response.content.decode()
    assert html.startswith('<form class="comment-form comment-new" id="comment-new"')
    assert message in html and 'role="alert"' in html
    if text.strip():
        assert text in html  # nothing typed is lost
    assert not Comment.objects.exists()


def test_a_bad_reply_comes_back_in_the_reply_form(client_for, school_roadmap_a, regional_member, director_a):
    root = comment_create(roadmap=school_roadmap_a, acting_user=regional_member, text="Сроки?")
    response = client_for(director_a).post(_u("comment_reply", school_roadmap_a, root.pk),
                                           {"text": "ы" * 4001}, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.startswith(f'<form class="comment-form reply-form" id="reply-form-{root.pk}"')
    assert "Комментарий не длиннее 4000 символов" in html and "ы" * 4001 in html


def test_a_measure_comment_opens_under_its_row_and_updates_the_block_and_the_count(
        client_for, school_roadmap_a, measure_a, regional_member):
    client = client_for(regional_member)
    row = client.get(_u("comment_measure", school_roadmap_a, measure_a.pk), **HX)
    assert row.status_code == 200
    assert row.content.decode().startswith(f'<tr id="measure-comments-{measure_a.pk}" class="comment-row">')
    response = client.post(_u("comment_measure", school_roadmap_a, measure_a.pk),
                           {"text": "Добавьте целевой показатель"}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<tr id="measure-comments-{measure_a.pk}"') and html.rstrip().endswith("</tr>")
    assert "Добавьте целевой показатель" in html
    comment = Comment.objects.get()
    assert comment.measure == measure_a and comment.author_role == Role.REGIONAL
    # the block reloads itself on the event, and brings the rows' counts along
    assert response["HX-Trigger"] == "comments-changed"
    block = client.get(_u("programme_comments", school_roadmap_a), **HX).content.decode()
    assert 'hx-trigger="comments-changed from:body"' in block
    assert "Добавьте целевой показатель" in block
    assert f'<span class="comment-count" id="mcc-{measure_a.pk}" hx-swap-oob="true">1</span>' in block


def test_an_empty_measure_comment_comes_back_in_its_row(client_for, school_roadmap_a, measure_a, director_a):
    response = client_for(director_a).post(_u("comment_measure", school_roadmap_a, measure_a.pk),
                                           {"text": ""}, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.startswith(f'<tr id="measure-comments-{measure_a.pk}"')
    assert "Напишите текст комментария." in html and "HX-Trigger" not in response


def test_resolving_updates_the_measures_count(client_for, school_roadmap_a, measure_a, regional_member):
    root = comment_create(roadmap=school_roadmap_a, measure=measure_a, acting_user=regional_member, text="Нет")
    html = client_for(regional_member).post(_u("comment_resolve", school_roadmap_a, root.pk), **HX).content.decode()
    assert f'<span class="comment-count" id="mcc-{measure_a.pk}" hx-swap-oob="true"></span>' in html


def test_the_row_menu_offers_a_comment_on_a_school_programme(client_for, school_roadmap_a, measure_a,
                                                              director_a):
    html = client_for(director_a).get(
        reverse("measure_menu", args=[school_roadmap_a.district.slug, measure_a.pk]), **HX).content.decode()
    assert "Комментарий</button>" in html
    assert _u("comment_measure", school_roadmap_a, measure_a.pk) in html


def test_without_htmx_a_comment_is_saved_and_the_page_comes_back(client_for, school_roadmap_a, regional_member):
    client = client_for(regional_member)
    response = client.post(_u("comment_new", school_roadmap_a), {"text": "Без скриптов"})
    assert response.status_code == 302 and response.url.endswith("#programme-comments")
    assert Comment.objects.get().text == "Без скриптов"
    response = client.post(_u("comment_new", school_roadmap_a), {"text": ""}, follow=True)
    assert "Напишите текст комментария." in response.content.decode()


# --- queries do not grow with the comments ----------------------------------------------------------

def _fill(roadmap, n, regional, director):
    measures = [MeasureFactory(roadmap=roadmap, number=f"1.{i + 1}") for i in range(5)]
    for i in range(n):
        root = comment_create(roadmap=roadmap, measure=measures[i % 5] if i % 2 else None,
                              acting_user=regional, text=f"Замечание {i}")
        comment_reply(parent=root, acting_user=director, text=f"Ответ {i}")
        if i % 3 == 0:
            comment_resolve(comment=root, acting_user=regional)


def _count(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **extra).status_code == 200
    return len(ctx.captured_queries)


def test_the_programme_page_costs_the_same_with_5_and_50_comments(
        client_for, district_a, school_a, regional_member, director_a):
    small, big = (RoadmapFactory(district=district_a, school=school_a) for _ in range(2))
    _fill(small, 5, regional_member, director_a)
    _fill(big, 50, regional_member, director_a)
    client = client_for(regional_member)
    page = lambda r: reverse("roadmap_detail", args=[r.district.slug, r.pk])  # noqa: E731
    assert _count(client, page(small)) == _count(client, page(big))
    assert _count(client, _u("programme_comments", small), **HX) == _count(
        client, _u("programme_comments", big), **HX)


def test_a_measures_comment_row_costs_the_same_with_5_and_50_comments(
        client_for, district_a, school_a, regional_member, director_a):
    counts = []
    for n in (5, 50):
        roadmap = RoadmapFactory(district=district_a, school=school_a)
        measure = MeasureFactory(roadmap=roadmap)
        for i in range(n):
            root = comment_create(roadmap=roadmap, measure=measure, acting_user=regional_member, text=f"З {i}")
            comment_reply(parent=root, acting_user=director_a, text="Ответ")
        counts.append(_count(client_for(regional_member), _u("comment_measure", roadmap, measure.pk), **HX))
    assert counts[0] == counts[1]


def test_open_counts_for_the_queues_are_one_query_at_5_and_50_roadmaps(
        district_a, regional_member, django_assert_num_queries):
    for n in (5, 50):
        roadmaps = []
        for _ in range(n):
            school = OrganizationFactory(district=district_a)
            r = RoadmapFactory(district=district_a, school=school)
            comment_create(roadmap=r, acting_user=regional_member, text="Замечание")
            roadmaps.append(r)
        with django_assert_num_queries(1):
            counts = open_comment_counts(r.pk for r in roadmaps)
        assert len(counts) == n and set(counts.values()) == {1}
