"""Order pages: every role × every action, another district's order, the flows of a coordinator.

302: sent to the login page (or, for a permitted POST, back to the order); 403: own tenant,
role may not; 404: not visible at all.
"""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import Order, Roadmap
from roadmaps.services import orders
from tests.factories import MeasureFactory
from tests.support.scans import scan

ROLES = ["anonymous", "coordinator_a", "curator_a", "head_a", "director_a", "regional_member",
         "coordinator_b"]
MATRIX = {
    # action: (method, expected status per role in the order of ROLES)
    "view":     ("get",  [302, 200, 200, 200, 404, 200, 404]),
    "status":   ("get",  [302, 200, 200, 200, 404, 200, 404]),
    "pdf":      ("get",  [302, 200, 200, 200, 404, 200, 404]),
    "docx":     ("get",  [302, 200, 200, 200, 404, 200, 404]),
    "xlsx":     ("get",  [302, 200, 200, 200, 200, 200, 404]),
    "compose":  ("get",  [302, 200, 403, 403, 403, 403, 404]),
    "edit":     ("get",  [302, 200, 403, 403, 404, 403, 404]),
    "render":   ("post", [302, 302, 403, 403, 404, 403, 404]),
    "upload":   ("post", [302, 302, 403, 403, 404, 403, 404]),
    "confirm":  ("post", [302, 302, 403, 403, 404, 403, 404]),
    "discard":  ("post", [302, 302, 403, 403, 404, 403, 404]),
}


@pytest.fixture
def rendered_order_a(order_a, coordinator_a):
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.RUNNING)
    return orders.order_render(order=order_a, acting_user=coordinator_a)


def _urls(order, roadmap):
    slug, pk = order.district.slug, order.pk
    return {
        "view": reverse("order_detail", args=[slug, pk]),
        "status": reverse("order_status", args=[slug, pk]),
        "pdf": reverse("order_pdf", args=[slug, pk]),
        "docx": reverse("order_docx", args=[slug, pk]),
        "xlsx": reverse("roadmap_export_xlsx", args=[slug, roadmap.pk]),
        "compose": reverse("order_new", args=[slug, roadmap.pk]),
        "edit": reverse("order_edit", args=[slug, pk]),
        "render": reverse("order_render", args=[slug, pk]),
        "upload": reverse("order_upload_scan", args=[slug, pk]),
        "confirm": reverse("order_confirm_scan", args=[slug, pk]),
        "discard": reverse("order_discard_scan", args=[slug, pk]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_each_role_gets_the_expected_status_for_each_order_action(
        request, client, rendered_order_a, action, role_index, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    method, expected = MATRIX[action]
    url = _urls(rendered_order_a, rendered_order_a.roadmap)[action]
    data = {"scan": scan()} if action == "upload" else {}
    response = getattr(client, method)(url, data)

    assert response.status_code == expected[role_index], (role, action)
    if response.status_code == 302 and role == "anonymous":
        assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(MATRIX))
def test_another_districts_order_is_404_under_either_slug(client_for, coordinator_a, order_b,
                                                          district_a, action):
    method, _ = MATRIX[action]
    client = client_for(coordinator_a)
    own_slug = _urls(order_b, order_b.roadmap)[action].replace(
        f"/{order_b.district.slug}/", f"/{district_a.slug}/", 1)
    for url in (_urls(order_b, order_b.roadmap)[action], own_slug):
        assert getattr(client, method)(url).status_code == 404, url


def _post_data(**over):
    data = {
        "layout": "order", "title": "Об утверждении дорожной карты", "number": "59/0103",
        "issued_on": "03.02.2026", "place": "с. Молчаново", "preamble": "В целях …",
        "signatory_position": "Начальник", "signatory_name": "И.И. Иванова",
        "include_roadmap_table": "on", "include_school_list": "on",
        "include_interview_schedule": "on", "school_list_kinds": ["low_results"],
        "points-TOTAL_FORMS": "3", "points-INITIAL_FORMS": "0",
        "points-0-text": "Утвердить дорожную карту.", "points-0-subpoints": "",
        "points-1-text": "Специалистам обеспечить:", "points-1-subpoints": "а;\nб.",
        "points-2-text": "Удалённый пункт.", "points-2-DELETE": "on",
        "interviews-TOTAL_FORMS": "2", "interviews-INITIAL_FORMS": "0",
        "interviews-0-date": "10.03.2026", "interviews-0-time": "10:00",
        "interviews-0-schools": "МКОУ Кармаклинская СОШ\nМКОУ Тополевская ООШ",
        "interviews-1-date": "", "interviews-1-time": "", "interviews-1-schools": "",
    }
    data.update(over)
    return data


@pytest.mark.django_db
def test_a_coordinator_composes_an_order_from_the_roadmap(client_for, coordinator_a,
                                                          filled_roadmap_a):
    client = client_for(coordinator_a)
    page = client.get(reverse("order_new", args=[filled_roadmap_a.district.slug,
                                                 filled_roadmap_a.pk]))
    response = client.post(page.request["PATH_INFO"], _post_data())
    order = Order.objects.get()

    assert "Утвердить" in page.content.decode()
    assert response.status_code == 302
    assert response.url == reverse("order_detail", args=[order.district.slug, order.pk])
    assert order.points == [{"text": "Утвердить дорожную карту.", "subpoints": []},
                            {"text": "Специалистам обеспечить:", "subpoints": ["а;", "б."]}]
    assert order.interview_schedule == [{"date": "2026-03-10", "time": "10:00", "schools": [
        "МКОУ Кармаклинская СОШ", "МКОУ Тополевская ООШ"]}]
    assert (order.number, str(order.issued_on), order.created_by) == ("59/0103", "2026-02-03",
                                                                     coordinator_a)


@pytest.mark.django_db
def test_an_order_without_points_is_not_saved(client_for, coordinator_a, filled_roadmap_a):
    url = reverse("order_new", args=[filled_roadmap_a.district.slug, filled_roadmap_a.pk])
    response = client_for(coordinator_a).post(url, _post_data(**{
        "points-0-text": "", "points-1-text": "", "points-1-subpoints": ""}))

    assert response.status_code == 400
    assert "Добавьте хотя бы один пункт приказа." in response.content.decode()
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_edits_the_order_text(client_for, coordinator_a, order_a):
    url = reverse("order_edit", args=[order_a.district.slug, order_a.pk])
    response = client_for(coordinator_a).post(url, _post_data(number="60", version=order_a.version))
    order_a.refresh_from_db()

    assert response.status_code == 302
    assert order_a.number == "60"


@pytest.mark.django_db
def test_the_status_fragment_polls_while_the_job_runs(client_for, coordinator_a, order_a):
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.RUNNING,
                                               render_progress=40)
    body = client_for(coordinator_a).get(
        reverse("order_status", args=[order_a.district.slug, order_a.pk])).content.decode()

    assert 'hx-trigger="every 1s"' in body
    assert 'value="40"' in body and "40 %" in body


@pytest.mark.django_db
def test_render_through_htmx_answers_with_the_status_fragment(
        client_for, coordinator_a, order_a, eager, django_capture_on_commit_callbacks):
    url = reverse("order_render", args=[order_a.district.slug, order_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator_a).post(url, HTTP_HX_REQUEST="true")
    order_a.refresh_from_db()

    assert response.status_code == 200
    assert 'id="render-status"' in response.content.decode()
    assert order_a.render_state == Order.RenderState.DONE


@pytest.mark.django_db
def test_a_download_before_rendering_is_404(client_for, head_a, order_a):
    url = reverse("order_pdf", args=[order_a.district.slug, order_a.pk])
    assert client_for(head_a).get(url).status_code == 404


@pytest.mark.django_db
def test_the_head_downloads_the_rendered_pdf(client_for, head_a, rendered_order_a):
    response = client_for(head_a).get(reverse("order_pdf", args=[
        rendered_order_a.district.slug, rendered_order_a.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "filename*=utf-8''" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_wrong_scan_is_refused_with_a_clear_message(client_for, coordinator_a, order_a):
    url = reverse("order_upload_scan", args=[order_a.district.slug, order_a.pk])
    response = client_for(coordinator_a).post(url, {"scan": scan(b"just text", "scan.pdf")})

    assert response.status_code == 400
    assert "Это не скан приказа" in response.content.decode()


@pytest.mark.django_db
def test_the_signed_scan_shows_on_the_order_and_the_roadmap(client_for, coordinator_a, order_a):
    client = client_for(coordinator_a)
    client.post(reverse("order_upload_scan", args=[order_a.district.slug, order_a.pk]),
                {"scan": scan()})
    order_a.refresh_from_db()
    client.post(reverse("order_confirm_scan", args=[order_a.district.slug, order_a.pk]),
                {"scan": order_a.pending_scan.name})
    roadmap = Roadmap.objects.get(pk=order_a.roadmap_id)
    page = client.get(reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk]))
    detail = client.get(reverse("order_detail", args=[order_a.district.slug, order_a.pk]))

    assert roadmap.status == Roadmap.Status.APPROVED
    assert "Утверждена приказом от 01.01.2026 № 143/1" in page.content.decode()
    assert 'id="signed-note"' in detail.content.decode()
    scan_url = reverse("order_scan", args=[order_a.district.slug, order_a.pk])
    assert client.get(scan_url).status_code == 200


@pytest.mark.django_db
def test_the_order_page_costs_the_same_queries_whatever_its_size(client_for, coordinator_a,
                                                                 order_a, coordinator_b):
    client = client_for(coordinator_a)
    url = reverse("order_detail", args=[order_a.district.slug, order_a.pk])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    orders.order_update(order=order_a, acting_user=coordinator_a, expected_version=order_a.version,
                        points=[{"text": f"Пункт {n}", "subpoints": ["а", "б"]} for n in range(40)])
    for n in range(60):
        MeasureFactory(roadmap=order_a.roadmap, number=f"9.{n}")
    assert count() == small


@pytest.mark.django_db
def test_a_school_roadmap_has_no_order_page(client_for, coordinator_a, school_roadmap_a):
    url = reverse("order_new", args=[school_roadmap_a.district.slug, school_roadmap_a.pk])
    assert client_for(coordinator_a).get(url).status_code == 404


@pytest.mark.django_db
def test_the_edit_page_can_bring_back_the_template_wording(client_for, coordinator_a, order_a):
    orders.order_update(order=order_a, acting_user=coordinator_a, expected_version=order_a.version,
                        points=[{"text": "Свой текст.", "subpoints": []}])
    url = reverse("order_edit", args=[order_a.district.slug, order_a.pk])
    client = client_for(coordinator_a)

    assert "Свой текст." in client.get(url).content.decode()
    assert "Контроль за исполнением" in client.get(url + "?template=1").content.decode()


@pytest.mark.django_db
def test_the_roadmap_page_links_the_coordinator_to_the_order(client_for, coordinator_a, order_a):
    url = reverse("roadmap_detail", args=[order_a.district.slug, order_a.roadmap_id])
    coordinator_page = client_for(coordinator_a).get(url).content.decode()
    export = reverse("roadmap_export_xlsx", args=[order_a.district.slug, order_a.roadmap_id])

    assert reverse("order_detail", args=[order_a.district.slug, order_a.pk]) in coordinator_page
    assert export in coordinator_page
