"""Progress reports: a director reports on its school's due dates with evidence, the
coordinator on the office's; the coordinator or the school's curator accepts or returns."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditRecord
from monitoring.models import Evidence, ProgressReport
from monitoring.selectors.addressees import done_keys
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import UserFactory

from .test_progress_world import EXE, PDF, due_of, progress_world, report_url

Status, Review = ProgressReport.Status, ProgressReport.Review


@pytest.fixture
def world(district_a, school_a, coordinator_a):
    return progress_world(district_a, school_a, coordinator_a)


@pytest.fixture
def director_other(other_school_a):
    user = UserFactory(email="director-other@example.ru")
    membership_grant(user=user, role=Role.DIRECTOR, organization=other_school_a)
    return user


def post_report(client, url, **data):
    body = {"status": "done", "reason": "", "comment": "", "links": "", **data}
    return client.post(url, body)


def test_the_director_sees_its_schools_due_dates_grouped_by_roadmap(client_for, director_a,
                                                                    world, district_a):
    page = client_for(director_a).get(f"/{district_a.slug}/monitoring/my/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Муниципальная дорожная карта" in html
    assert "Анализ результатов ВПР" in html  # «Руководители ОО»: the school is flagged
    assert "Методический десант" in html  # names the school
    assert "Приказ о кураторах" not in html  # the office's
    assert "просрочено" in html and "не начато" in html


def test_a_director_reports_done_with_a_pdf_and_a_link(client_for, director_a, world,
                                                         district_a, school_a):
    due = due_of(world.group[0])
    url = report_url(district_a, due, school_a)
    response = client_for(director_a).post(url, {
        "status": "done", "comment": "Проведён анализ", "reason": "",
        "links": "https://school.example.ru/shnor",
        "file": SimpleUploadedFile("протокол.pdf", PDF, content_type="application/pdf"),
    })
    assert response.status_code == 302
    report = ProgressReport.objects.get(due_date=due, school=school_a)
    assert (report.status, report.review, report.reported_by) == (Status.DONE, Review.PENDING,
                                                                 director_a)
    kinds = sorted(report.evidence.values_list("kind", flat=True))
    assert kinds == ["file", "link"]
    assert AuditRecord.objects.filter(target_type="progressreport", target_id=report.pk).exists()
    page = client_for(director_a).get(url).content.decode()
    assert "выполнено, на проверке" in page and "протокол.pdf" in page
    assert "/media/" not in page


def test_not_done_needs_a_reason(client_for, director_a, world, district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    response = post_report(client_for(director_a), url, status="not_done")
    assert response.status_code == 400
    assert "Укажите причину" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_renamed_program_is_refused_in_russian_and_nothing_is_stored(
        client_for, director_a, world, district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    response = client_for(director_a).post(url, {
        "status": "done", "links": "",
        "file": SimpleUploadedFile("справка.pdf", EXE, content_type="application/pdf")})
    assert response.status_code == 400
    assert "это программа, а не документ" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_a_file_over_20_mb_is_refused_before_it_is_stored(client_for, director_a, world,
                                                          district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    big = SimpleUploadedFile("скан.pdf", PDF + b"0" * (20 * 1024 * 1024), "application/pdf")
    response = client_for(director_a).post(url, {"status": "done", "links": "", "file": big})
    assert response.status_code == 400
    assert "больше 20 МБ" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://files.example.ru/a.pdf",
                                  "data:text/html,hi", "school.example.ru", "http://"])
def test_only_http_and_https_links_are_taken(client_for, director_a, world, district_a,
                                             school_a, link):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    response = post_report(client_for(director_a), url, links=link)
    assert response.status_code == 400
    assert "http:// или https://" in response.content.decode()
    assert not Evidence.objects.exists()


def test_return_needs_a_comment_and_the_director_sees_it_and_reports_again(
        client_for, director_a, coordinator_a, world, district_a, school_a):
    due = due_of(world.group[0])
    url = report_url(district_a, due, school_a)
    post_report(client_for(director_a), url, comment="Сделано")
    report = ProgressReport.objects.get()
    review_url = f"/{district_a.slug}/monitoring/reports/{report.pk}/review/"
    coordinator = client_for(coordinator_a)
    refused = coordinator.post(review_url, {"decision": "return", "comment": " ",
                                            "version": report.version})
    assert refused.status_code == 400 and "Напишите, что нужно исправить" in refused.content.decode()
    assert coordinator.post(review_url, {"decision": "return", "comment": "Нет протокола",
                                         "version": report.version}).status_code == 302
    report.refresh_from_db()
    assert report.review == Review.RETURNED
    assert done_keys([due.pk]) == set()  # a returned «выполнено» does not count
    page = client_for(director_a).get(url).content.decode()
    assert "Нет протокола" in page and "возвращено на доработку" in page
    post_report(client_for(director_a), url, comment="Протокол приложен", version=report.version)
    report.refresh_from_db()
    assert report.review == Review.PENDING and report.comment == "Протокол приложен"
    assert client_for(coordinator_a).post(review_url, {"decision": "accept", "comment": "",
                                                       "version": report.version}).status_code == 302
    report.refresh_from_db()
    assert report.review == Review.ACCEPTED and report.reviewed_by == coordinator_a
    assert done_keys([due.pk]) == {(due.pk, school_a.pk)}
    assert AuditRecord.objects.filter(target_type="progressreport", action="status").count() == 2


def test_a_stale_report_form_is_refused_with_both_versions(client_for, director_a, coordinator_a,
                                                           world, district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    post_report(client_for(director_a), url, comment="первый")
    report = ProgressReport.objects.get()
    opened_at = report.version
    post_report(client_for(coordinator_a), url, comment="координатор", version=opened_at)
    response = post_report(client_for(director_a), url, comment="мой", version=opened_at)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Ваша версия" in html and "координатор" in html
    report.refresh_from_db()
    assert report.comment == "координатор"


def test_the_curator_of_the_school_reviews_and_a_director_may_not(
        client_for, curator_a, director_a, world, district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    post_report(client_for(director_a), url)
    report = ProgressReport.objects.get()
    review_url = f"/{district_a.slug}/monitoring/reports/{report.pk}/review/"
    body = {"decision": "accept", "comment": "", "version": report.version}
    assert client_for(director_a).post(review_url, body).status_code == 403
    assert client_for(curator_a).post(review_url, body).status_code == 302
    report.refresh_from_db()
    assert report.review == Review.ACCEPTED


def test_the_director_of_another_school_sees_nothing_of_this_one(
        client_for, director_a, director_other, world, district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    post_report(client_for(director_a), url,
                file=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"))
    report = ProgressReport.objects.get()
    evidence = report.evidence.get()
    other = client_for(director_other)
    assert other.get(url).status_code == 404
    assert post_report(other, url).status_code == 404
    assert other.get(f"/{district_a.slug}/monitoring/evidence/{evidence.pk}/file/").status_code == 404
    assert other.get(f"/{district_a.slug}/monitoring/schools/{school_a.pk}/measures/").status_code == 404
    assert "Анализ результатов" not in other.get(f"/{district_a.slug}/monitoring/my/").content.decode()


def test_another_district_gets_404_everywhere(client_for, director_a, coordinator_b, world,
                                              district_a, school_a):
    due = due_of(world.group[0])
    url = report_url(district_a, due, school_a)
    post_report(client_for(director_a), url,
                file=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"))
    report = ProgressReport.objects.get()
    evidence = report.evidence.get()
    c = client_for(coordinator_b)
    base = f"/{district_a.slug}/monitoring"
    for address in (f"{base}/my/", url, f"{base}/schools/{school_a.pk}/measures/",
                    f"{base}/evidence/{evidence.pk}/file/"):
        assert c.get(address).status_code == 404, address
    assert post_report(c, url).status_code == 404
    assert c.post(f"{base}/reports/{report.pk}/review/",
                  {"decision": "accept", "version": report.version}).status_code == 404
    assert c.post(f"{base}/evidence/{evidence.pk}/delete/").status_code == 404
    # and with its own district in the address, district A's ids are still not found
    own = f"/{coordinator_b.memberships.first().district.slug}/monitoring"
    assert c.get(f"{own}/due/{due.pk}/schools/{school_a.pk}/report/").status_code == 404
    assert c.get(f"{own}/evidence/{evidence.pk}/file/").status_code == 404
    assert Evidence.objects.count() == 1 and ProgressReport.objects.get().review == Review.PENDING


def test_evidence_downloads_through_the_checked_view(client_for, director_a, curator_a, world,
                                                      district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    post_report(client_for(director_a), url,
                file=SimpleUploadedFile("Протокол.PDF", PDF, content_type="text/plain"))
    evidence = Evidence.objects.get()
    response = client_for(curator_a).get(f"/{district_a.slug}/monitoring/evidence/{evidence.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert evidence.name == "Протокол.pdf"


def test_the_director_deletes_its_evidence_until_the_report_is_accepted(
        client_for, director_a, coordinator_a, world, district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    post_report(client_for(director_a), url, links="https://a.example.ru\nhttps://b.example.ru")
    first, second = Evidence.objects.order_by("id")
    delete = f"/{district_a.slug}/monitoring/evidence/{first.pk}/delete/"
    assert client_for(director_a).post(delete).status_code == 302
    report = ProgressReport.objects.get()
    client_for(coordinator_a).post(f"/{district_a.slug}/monitoring/reports/{report.pk}/review/",
                                   {"decision": "accept", "version": report.version})
    client_for(director_a).post(f"/{district_a.slug}/monitoring/evidence/{second.pk}/delete/")
    assert list(Evidence.objects.values_list("url", flat=True)) == ["https://b.example.ru"]


def test_the_coordinator_reports_for_the_office_and_on_behalf_of_a_school(
        client_for, coordinator_a, director_a, world, district_a, school_a):
    office_due = due_of(world.office[0])
    office_url = report_url(district_a, office_due, None)
    coordinator = client_for(coordinator_a)
    page = coordinator.get(f"/{district_a.slug}/monitoring/my/").content.decode()
    assert "Приказ о кураторах" in page and "Анализ результатов" not in page
    assert post_report(coordinator, office_url).status_code == 302
    assert ProgressReport.objects.get().school is None
    school_url = report_url(district_a, due_of(world.named[0]), school_a)
    assert post_report(coordinator, school_url, status="in_progress").status_code == 302
    assert ProgressReport.objects.filter(school=school_a, reported_by=coordinator_a).exists()
    # the office's report is not the director's, nor a school's report the office's
    assert client_for(director_a).get(office_url).status_code == 404
    assert coordinator.get(report_url(district_a, office_due, school_a)).status_code == 404
    assert coordinator.get(report_url(district_a, due_of(world.group[0]), None)).status_code == 404


def test_a_school_not_concerned_has_no_report_page(client_for, coordinator_a, world, district_a,
                                                   other_school_a):
    # other_school_a is not flagged and not named
    url = report_url(district_a, due_of(world.group[0]), other_school_a)
    assert client_for(coordinator_a).get(url).status_code == 404
    assert post_report(client_for(coordinator_a), url).status_code == 404


@pytest.mark.parametrize("role, may_see, may_report", [
    ("coordinator_a", True, True), ("head_a", True, False), ("curator_a", True, False),
    ("director_a", True, True), ("regional_member", True, False),
])
def test_who_sees_and_who_reports_on_a_schools_due_date(request, client_for, world, district_a,
                                                        school_a, role, may_see, may_report):
    user = request.getfixturevalue(role)
    url = report_url(district_a, due_of(world.group[0]), school_a)
    c = client_for(user)
    assert (c.get(url).status_code == 200) is may_see
    assert (post_report(c, url).status_code == 302) is may_report


def test_anonymous_visitors_are_sent_to_sign_in(client, world, district_a, school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    assert client.get(url).status_code == 302
    assert client.post(url, {"status": "done"}).status_code == 302
    assert not ProgressReport.objects.exists()


def test_an_accepted_report_is_changed_by_the_coordinator_only(client_for, director_a,
                                                               coordinator_a, world, district_a,
                                                               school_a):
    url = report_url(district_a, due_of(world.group[0]), school_a)
    post_report(client_for(director_a), url, comment="Сделано")
    report = ProgressReport.objects.get()
    client_for(coordinator_a).post(f"/{district_a.slug}/monitoring/reports/{report.pk}/review/",
                                   {"decision": "accept", "version": report.version})
    report.refresh_from_db()
    page = client_for(director_a).get(url).content.decode()
    assert "Изменить принятый отчёт может только координатор" in page
    assert 'id="report-form"' not in page
    assert post_report(client_for(director_a), url, status="in_progress",
                       version=report.version).status_code == 403
    report.refresh_from_db()
    assert (report.status, report.review) == (Status.DONE, Review.ACCEPTED)
    assert post_report(client_for(coordinator_a), url, status="in_progress",
                       version=report.version).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.review) == (Status.IN_PROGRESS, Review.PENDING)
