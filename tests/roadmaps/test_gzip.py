"""Every HTML response is gzipped for a browser that accepts it, by one middleware
(core/compression.py: Django's GZipMiddleware, with its random padding against BREACH): the
roadmap page, its journal and the htmx fragments alike; without «Accept-Encoding: gzip» the
page comes plain; files (PDF, DOCX, PNG, XLSX) go as they are."""
import gzip
import io
import re

import pytest
from django.http import FileResponse, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.compression import TextGZipMiddleware

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def _unzipped(response) -> str:
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert response.content[3] & gzip.FNAME  # Django's random-length padding (BREACH)
    return gzip.decompress(response.content).decode()


def _without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|csrf-token" content="|X-CSRFToken": ")[^"]+',
                  r"\1", html)


def test_the_roadmap_page_is_gzipped_and_says_the_same(client_for, coordinator_a, roadmap, measures):
    client = client_for(coordinator_a)
    url = reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])
    html = _unzipped(client.get(url, **GZIP))
    plain = client.get(url)
    assert not plain.has_header("Content-Encoding")
    assert "Консультации педагогов" in html
    assert _without_tokens(html) == _without_tokens(plain.content.decode())


def test_the_journal_page_is_gzipped(client_for, coordinator_a, roadmap, measures):
    response = client_for(coordinator_a).get(
        reverse("roadmap_history", args=[roadmap.district.slug, roadmap.pk]), **GZIP)
    assert "Консультации педагогов" in _unzipped(response)


def test_a_fragment_of_the_table_is_gzipped_too(client_for, coordinator_a, measures):
    m = measures[0]
    response = client_for(coordinator_a).get(
        reverse("measure_row", args=[m.district.slug, m.pk]), HTTP_HX_REQUEST="true", **GZIP)
    assert f'id="measure-{m.pk}"' in _unzipped(response)


def test_the_whole_table_sent_back_after_moving_a_section_is_gzipped(
        client_for, coordinator_a, measures, section_one):
    response = client_for(coordinator_a).post(
        reverse("section_move", args=[section_one.district.slug, section_one.pk]), {"step": "1"},
        HTTP_HX_REQUEST="true", **GZIP)
    assert 'id="roadmap-table"' in _unzipped(response)


def test_a_file_goes_as_it_is_with_its_length_and_text_is_gzipped():
    request = RequestFactory().get("/", **GZIP)
    png = FileResponse(io.BytesIO(b"\x89PNG" + b"0" * 5000), content_type="image/png")
    png["Content-Length"] = "5004"
    response = TextGZipMiddleware(lambda r: png)(request)
    assert not response.has_header("Content-Encoding") and response["Content-Length"] == "5004"
    page = HttpResponse("<p>Мероприятие</p>" * 100)
    assert TextGZipMiddleware(lambda r: page)(request)["Content-Encoding"] == "gzip"
