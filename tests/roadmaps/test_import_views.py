"""The import pages: who may use them, bad input, and nothing created before confirming."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadmaps.models import Measure, Roadmap


def upload_url(district):
    return reverse("roadmap_import", args=[district.slug])


@pytest.mark.parametrize("role,expected", [
    ("coordinator_a", 200), ("head_a", 403), ("curator_a", 403), ("director_a", 403),
    ("regional_member", 403), ("coordinator_b", 404),
])
def test_only_the_coordinator_may_import(request, client, district_a, role, expected):
    client.force_login(request.getfixturevalue(role))
    assert client.get(upload_url(district_a)).status_code == expected
    response = client.post(upload_url(district_a), {"text": "a\tb\nc\td"})
    assert response.status_code == (expected if expected != 200 else 400)


def test_an_anonymous_visitor_is_sent_to_login(client, district_a):
    response = client.get(upload_url(district_a))
    assert response.status_code == 302 and reverse("login") in response.url


def test_pasted_text_shows_a_preview_and_creates_nothing(client_for, coordinator_a, district_a, seed_molchanovo):
    client = client_for(coordinator_a)
    response = client.post(upload_url(district_a), {"text": seed_molchanovo})
    assert response.status_code == 302
    preview = client.get(response.url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "19 мероприятий" in html
    assert "Май – август 2020, далее – ежегодное обновление" in html
    assert "31.08.2021" in html  # the yearly renewal understood
    assert not Roadmap.objects.exists()


def test_confirming_the_preview_creates_the_roadmap(client_for, coordinator_a, district_a, seed_molchanovo):
    client = client_for(coordinator_a)
    preview_url = client.post(upload_url(district_a), {"text": seed_molchanovo}).url
    form = client.get(preview_url).context["form"]
    data = {name: (field.initial if field.initial is not None else "") for name, field in form.fields.items()}
    data["period_start"], data["period_end"] = "01.01.2020", "31.12.2021"
    response = client.post(preview_url, data)
    roadmap = Roadmap.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("roadmap_detail", args=[district_a.slug, roadmap.pk])
    assert roadmap.district == district_a
    assert Measure.objects.filter(roadmap=roadmap).count() == 19
    assert roadmap.period_start.isoformat() == "2020-01-01"


def test_another_coordinator_cannot_open_my_preview(client, coordinator_a, coordinator_b, district_a,
                                                    district_b, seed_molchanovo):
    client.force_login(coordinator_a)
    preview_url = client.post(upload_url(district_a), {"text": seed_molchanovo}).url
    token = preview_url.rstrip("/").split("/")[-1]
    client.force_login(coordinator_b)
    assert client.get(preview_url).status_code == 404
    other = reverse("roadmap_import_preview", args=[district_b.slug, token])
    assert client.get(other).status_code == 404


@pytest.mark.parametrize("name,content,message", [
    ("empty.docx", b"", "пуст"),
    ("broken.docx", b"PK\x03\x04 this is not really a zip", "повреждён"),
    ("random.xlsx", bytes(range(256)) * 40, ""),
    ("notes.txt", "Просто текст без таблицы.\nВторая строка.".encode(), "таблиц"),
])
def test_bad_files_get_a_russian_message_and_nothing_is_created(client_for, coordinator_a, district_a,
                                                                name, content, message):
    response = client_for(coordinator_a).post(
        upload_url(district_a), {"file": SimpleUploadedFile(name, content)}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="form-error"' in html
    assert message in html.lower()
    assert not Roadmap.objects.exists()


def test_a_file_over_20_mb_is_refused(client_for, coordinator_a, district_a, settings):
    settings.IMPORT_MAX_BYTES = 1024
    big = SimpleUploadedFile("big.txt", b"a\tb\n" * 1000)
    response = client_for(coordinator_a).post(upload_url(district_a), {"file": big})
    assert response.status_code == 400
    assert "больше 20 МБ" in response.content.decode()


def test_choosing_both_a_file_and_text_is_refused(client_for, coordinator_a, district_a):
    response = client_for(coordinator_a).post(
        upload_url(district_a), {"file": SimpleUploadedFile("x.txt", b"x"), "text": "a\tb"}
    )
    assert response.status_code == 400
    assert "что-то одно" in response.content.decode()


def test_refreshing_the_preview_creates_nothing_and_keeps_the_token_out_of_the_url(
    client_for, coordinator_a, district_a, seed_molchanovo
):
    client = client_for(coordinator_a)
    preview_url = client.post(upload_url(district_a), {"text": seed_molchanovo}).url
    form = client.get(preview_url).context["form"]
    data = {name: (field.initial if field.initial is not None else "") for name, field in form.fields.items()}
    data["map_deadline"] = ""  # the person says there is no deadline column
    response = client.post(preview_url, {**data, "refresh": "1"})
    assert response.status_code == 200
    assert response.context["form"]["map_deadline"].value() == ""
    assert not Roadmap.objects.exists()
    assert 'formmethod="get"' not in response.content.decode()  # the CSRF token stays out of URLs
