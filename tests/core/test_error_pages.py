"""Every error ends on a Russian page in our layout — in production and, for 400, 403
(CSRF too) and 413, under DEBUG: Django's own pages are English («Bad Request (400)»)."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

LAYOUT = '<a class="brand" href="/">Дорожные карты'
MB = 1024 * 1024


def assert_our_page(response, status, *texts):
    html = response.content.decode()
    assert response.status_code == status, html[:500]
    assert '<html lang="ru">' in html and LAYOUT in html
    for text in texts:
        assert text in html
    for english in ("Bad Request", "Forbidden", "Not Found", "Server Error", "Request Entity"):
        assert english not in html


@pytest.fixture(params=[False, True], ids=["production", "debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


class ExplodingInput(io.RawIOBase):
    """A request body that fails the test if anyone starts reading it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_30_mb_anonymous_post_to_the_login_page_is_refused_before_it_is_read(db, debug):
    response = Client().generic(
        "POST", "/login/", b"", content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(30 * MB), **{"wsgi.input": ExplodingInput()})
    assert_our_page(response, 413, "Слишком большой запрос", "не больше 64 КБ")


def test_an_anonymous_post_just_over_the_login_cap_is_refused(db):
    response = Client().post("/login/", {"username": "a@example.ru", "password": "x" * 70_000})
    assert_our_page(response, 413, "Слишком большой запрос")


def test_a_signed_in_request_over_the_site_cap_is_refused_before_it_is_read(
        client_for, coordinator_a, district_a, debug):
    response = client_for(coordinator_a).generic(
        "POST", reverse("roadmap_import", args=[district_a.slug]), b"",
        content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(30 * MB),
        **{"wsgi.input": ExplodingInput()})
    assert_our_page(response, 413, "Слишком большой запрос", "не больше 21 МБ")


def test_pasted_text_over_the_memory_limit_gets_the_russian_413(
        client_for, coordinator_a, district_a, settings, debug):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000  # the request cap stays 21 MB
    response = client_for(coordinator_a).post(
        reverse("roadmap_import", args=[district_a.slug]), {"text": "1\tмероприятие\n" * 2000})
    assert_our_page(response, 413, "Слишком большой запрос")


def test_a_file_over_the_file_cap_is_stopped_while_it_arrives(
        client_for, coordinator_a, district_a, settings, debug):
    settings.UPLOAD_FILE_MAX_BYTES = 100_000  # the request cap stays 21 MB
    upload = SimpleUploadedFile("карта.txt", b"1\t" + b"x" * 200_000)
    response = client_for(coordinator_a).post(
        reverse("roadmap_import", args=[district_a.slug]), {"file": upload})
    assert_our_page(response, 413, "Слишком большой запрос")


def test_too_many_fields_get_the_russian_400(db, debug):
    fields = "&".join(f"f{i}=1" for i in range(1100))
    response = Client().post("/login/", fields, content_type="application/x-www-form-urlencoded")
    assert_our_page(response, 400, "Запрос не принят", "слишком много полей", "не больше 1000")


def test_a_multipart_body_that_cannot_be_parsed_gets_the_russian_400(
        client_for, coordinator_a, district_a, debug):
    # a 1,000-character file name, percent-encoded (RFC 2231), makes a part header over
    # Django's 10 KB limit
    name = "📄" * 1000
    encoded = "".join(f"%{b:02X}" for b in name.encode())
    body = (f"--x\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{encoded}\r\n"
            "Content-Type: text/plain\r\n\r\n1\tмероприятие\r\n--x--\r\n").encode()
    response = client_for(coordinator_a).generic(
        "POST", reverse("roadmap_import", args=[district_a.slug]), body,
        content_type="multipart/form-data; boundary=x")
    assert_our_page(response, 400, "Запрос не принят", "повреждены")


def test_a_thousand_character_file_name_is_answered_in_russian_on_the_import_page(
        client_for, coordinator_a, district_a, debug):
    upload = SimpleUploadedFile("д" * 1000 + ".docx", b"PK\x03\x04 not really a docx")
    response = client_for(coordinator_a).post(
        reverse("roadmap_import", args=[district_a.slug]), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Импорт дорожной карты" in html and 'role="alert"' in html
    assert "Bad Request" not in html


def test_a_stale_form_gets_the_russian_csrf_page(db, debug):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "a@example.ru"})
    assert_our_page(response, 403, "Страница устарела", "Обновите страницу")


def test_a_missing_page_is_our_404(client_for, coordinator_a, debug):
    client = client_for(coordinator_a)
    assert_our_page(client.get("/no-such-district/roadmaps/"), 404, "Страница не найдена")
    assert_our_page(client.get("/no/such/address/at/all/"), 404, "Страница не найдена")


@pytest.mark.urls("tests.core.urls_failing")
def test_a_failing_view_gets_our_500_in_the_layout(db, debug):
    response = Client(raise_request_exception=False).get("/test-failure/")
    assert_our_page(response, 500, "Что-то пошло не так")


@pytest.mark.urls("tests.core.urls_failing")
def test_a_developer_may_ask_for_djangos_technical_pages(db, settings):
    settings.DEBUG, settings.DEBUG_TECHNICAL_ERRORS = True, True
    response = Client(raise_request_exception=False).get("/test-failure/")
    assert response.status_code == 500 and "X-Error-Page" not in response
    assert "Traceback" in response.content.decode()


def test_an_htmx_request_is_told_that_the_reply_is_an_error_page(client_for, coordinator_a, district_a):
    # app.js never swaps a page marked so into a row; it says the page's words instead
    fields = "&".join(f"f{i}=1" for i in range(1100))
    response = client_for(coordinator_a).post(
        reverse("roadmap_import", args=[district_a.slug]), fields,
        content_type="application/x-www-form-urlencoded", HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and response["X-Error-Page"] == "400"


def test_a_bad_host_gets_our_400(db):
    assert_our_page(Client().get("/login/", HTTP_HOST="evil.example"), 400, "Запрос не принят")
