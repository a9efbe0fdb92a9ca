"""The roadmap and school-list import pages: a Russian file control, no progress bar before
an upload, and errors said beside the button (an htmx reply the page swaps in)."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadmaps.models import Roadmap

HX = {"HTTP_HX_REQUEST": "true"}


def upload_url(district):
    return reverse("roadmap_import", args=[district.slug])


@pytest.mark.parametrize("page", ["roadmap_import", "school_list_import"])
def test_the_file_control_speaks_russian(client_for, coordinator_a, district_a, page):
    html = client_for(coordinator_a).get(reverse(page, args=[district_a.slug])).content.decode()
    pick = re.search(r'<div class="file-pick">(.*?)</div>', html, re.S).group(1)
    assert re.search(r'<input type="file" name="file" class="file-input"[^>]*id="id_file"', pick)
    assert '<label for="id_file" class="button">Выбрать файл</label>' in pick
    assert 'id="id_file-name"' in pick and ">Файл не выбран</span>" in pick
    assert 'aria-describedby="id_file-name"' in pick


def test_no_progress_bar_is_shown_before_an_upload(client_for, coordinator_a, district_a):
    html = client_for(coordinator_a).get(upload_url(district_a)).content.decode()
    assert '<div class="upload-progress" hidden>' in html
    assert "0 %" not in html


def test_an_empty_submit_is_answered_in_russian_beside_the_button(client_for, coordinator_a, district_a):
    response = client_for(coordinator_a).post(upload_url(district_a), {"text": ""}, **HX)
    html = response.content.decode()
    assert response.status_code == 400
    error = html.index("Выберите файл или вставьте текст таблицы.")
    assert html.index('<textarea') < error < html.index("Прочитать и показать")
    assert html.count('role="alert"') == 1


def test_a_file_that_is_not_a_roadmap_is_answered_in_the_form_and_nothing_is_created(
    client_for, coordinator_a, district_a
):
    letter = SimpleUploadedFile("письмо.txt", "Уважаемые коллеги!\nПросим представить отчёт.".encode())
    response = client_for(coordinator_a).post(upload_url(district_a), {"file": letter}, **HX)
    html = response.content.decode()
    assert response.status_code == 400
    assert '<div class="form-error" role="alert" data-upload-error>' in html
    assert "Файл «письмо.txt» не принят. В файле не найдена таблица мероприятий" in html
    assert 'id="import-form" data-upload' in html  # the form is there for another try
    assert not Roadmap.objects.exists()


def test_another_districts_coordinator_gets_404(client_for, coordinator_b, district_a):
    client = client_for(coordinator_b)
    assert client.get(upload_url(district_a)).status_code == 404
    assert client.get(reverse("school_list_import", args=[district_a.slug])).status_code == 404
