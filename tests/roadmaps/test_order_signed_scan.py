"""The signed scan is opened, not sniffed: a PDF with pages or a sane JPEG/PNG; its first
page is shown on the order page, and the roadmap is approved only when the person confirms."""
import struct
import zlib
from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image

from roadmaps.models import Order, Roadmap
from roadmaps.services import orders
from tests.support.scans import FAKE_PDF, JPEG_SCAN, PDF_SCAN, PNG_SCAN, _pdf, scan

pytestmark = pytest.mark.django_db


def _upload(client, order, content, name="скан.pdf"):
    url = reverse("order_upload_scan", args=[order.district.slug, order.pk])
    return client.post(url, {"scan": scan(content, name)})


def _detail(client, order) -> str:
    return client.get(reverse("order_detail", args=[order.district.slug, order.pk])).content.decode()


def _thumbnail(client, order, which="pending") -> Image.Image:
    name = "order_pending_scan_thumbnail" if which == "pending" else "order_scan_thumbnail"
    response = client.get(reverse(name, args=[order.district.slug, order.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    return Image.open(BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("content, message", [
    (FAKE_PDF, "Файл PDF не открывается"),
    (b"%PDF-1.7\n%%EOF", "Файл PDF не открывается"),
    (PDF_SCAN[: len(PDF_SCAN) // 3], "Файл PDF не открывается"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "Изображение не открывается"),
    (PNG_SCAN[: len(PNG_SCAN) // 2], "Изображение не открывается"),
    (JPEG_SCAN[: len(JPEG_SCAN) // 2], "Изображение не открывается"),
    (b"II*\x00 a tiff header", "Это не скан приказа"),
])
def test_a_file_that_only_starts_like_a_scan_is_refused_in_russian(
        client_for, coordinator_a, order_a, content, message):
    response = _upload(client_for(coordinator_a), order_a, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    order_a.refresh_from_db()
    assert not order_a.pending_scan and order_a.status == Order.Status.DRAFT


def _png(size) -> bytes:
    out = BytesIO()
    Image.new("L", size, 255).save(out, format="PNG")
    return out.getvalue()


def _png_header(width, height) -> bytes:
    """A PNG that claims its size in the header and holds almost nothing (a pixel bomb)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b""))


def _pdf_without_pages() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_pdf_without_pages_is_refused(client_for, coordinator_a, order_a):
    response = _upload(client_for(coordinator_a), order_a, _pdf_without_pages())
    assert response.status_code == 400
    assert "В файле PDF нет ни одной страницы" in response.content.decode()


@pytest.mark.parametrize("content", [_png_header(50_000, 50_000), _png_header(20_000, 20_000)])
def test_a_pixel_bomb_is_refused_by_its_header_without_decoding(client_for, coordinator_a,
                                                                order_a, content):
    response = _upload(client_for(coordinator_a), order_a, content, "scan.png")
    assert response.status_code == 400 and "слишком большое" in response.content.decode()


@pytest.mark.parametrize("size, message", [((120, 160), "слишком мелкое"),
                                           ((21_000, 300), "слишком большое")])
def test_an_image_of_absurd_size_is_refused_by_its_header(
        client_for, coordinator_a, order_a, size, message):
    response = _upload(client_for(coordinator_a), order_a, _png(size), "scan.png")
    assert response.status_code == 400 and message in response.content.decode()


@pytest.mark.parametrize("content, name, info, ext", [
    (PDF_SCAN, "скан.pdf", "PDF, 1 страница", ".pdf"),
    (_pdf(3), "скан.pdf", "PDF, 3 страницы", ".pdf"),
    (PNG_SCAN, "скан.png", "PNG, 620 × 877 пикселей", ".png"),
    (JPEG_SCAN, "скан.jpg", "JPEG, 620 × 877 пикселей", ".jpg"),
])
def test_a_real_scan_is_shown_by_its_first_page_and_waits_for_the_confirmation(
        client_for, coordinator_a, order_a, content, name, info, ext):
    client = client_for(coordinator_a)
    response = _upload(client, order_a, content, name)
    assert response.status_code == 302 and response.url.endswith("#signed")

    order_a.refresh_from_db()
    roadmap = Roadmap.objects.get(pk=order_a.roadmap_id)
    assert order_a.status == Order.Status.DRAFT and not order_a.signed_scan
    assert roadmap.status != Roadmap.Status.APPROVED and roadmap.approved_by_id is None
    assert order_a.pending_scan.name.endswith(ext) and order_a.pending_scan_info == info
    html = _detail(client, order_a)
    assert 'id="pending-scan-thumbnail"' in html and info in html
    assert "Подтвердить утверждение" in html
    thumb = _thumbnail(client, order_a)
    assert max(thumb.size) == 480 and thumb.size[1] > thumb.size[0]  # a portrait page


def test_the_roadmap_is_approved_only_when_the_person_confirms(client_for, coordinator_a, order_a):
    client = client_for(coordinator_a)
    _upload(client, order_a, PDF_SCAN)
    order_a.refresh_from_db()
    pending = order_a.pending_scan.name
    confirm = reverse("order_confirm_scan", args=[order_a.district.slug, order_a.pk])

    response = client.post(confirm, {"scan": pending}, follow=True)

    order_a.refresh_from_db()
    roadmap = Roadmap.objects.get(pk=order_a.roadmap_id)
    assert order_a.status == Order.Status.SIGNED and order_a.signed_scan.name == pending
    assert (roadmap.status, roadmap.approved_by_id) == (Roadmap.Status.APPROVED, order_a.pk)
    html = response.content.decode()
    assert "Утверждение подтверждено" in html and 'id="scan-thumbnail"' in html
    assert "Подтвердить утверждение" not in html and not order_a.pending_scan
    assert _thumbnail(client, order_a, "signed").size[1] == 480


def test_a_scan_uploaded_meanwhile_is_not_confirmed_unseen(client_for, coordinator_a, order_a):
    client = client_for(coordinator_a)
    _upload(client, order_a, PDF_SCAN)
    order_a.refresh_from_db()
    seen = order_a.pending_scan.name
    _upload(client, order_a, PNG_SCAN, "другой.png")  # a colleague's upload in between
    confirm = reverse("order_confirm_scan", args=[order_a.district.slug, order_a.pk])

    response = client.post(confirm, {"scan": seen}, follow=True)

    assert "загружен другой скан" in response.content.decode()
    order_a.refresh_from_db()
    assert order_a.status == Order.Status.DRAFT and order_a.pending_scan.name.endswith(".png")


def test_the_wrong_file_can_be_discarded_before_the_confirmation(client_for, coordinator_a,
                                                                  order_a):
    client = client_for(coordinator_a)
    _upload(client, order_a, PDF_SCAN)
    order_a.refresh_from_db()
    client.post(reverse("order_discard_scan", args=[order_a.district.slug, order_a.pk]))
    order_a.refresh_from_db()
    assert not order_a.pending_scan and order_a.status == Order.Status.DRAFT
    assert "Подтвердить утверждение" not in _detail(client, order_a)


def test_a_head_sees_the_waiting_scan_but_cannot_confirm_it(client_for, coordinator_a, head_a,
                                                            order_a):
    _upload(client_for(coordinator_a), order_a, PDF_SCAN)
    order_a.refresh_from_db()
    html = _detail(client_for(head_a), order_a)
    assert 'id="pending-scan-thumbnail"' in html and "ждёт подтверждения" in html
    assert "Подтвердить утверждение" not in html
    confirm = reverse("order_confirm_scan", args=[order_a.district.slug, order_a.pk])
    assert client_for(head_a).post(confirm, {"scan": order_a.pending_scan.name}).status_code == 403


def test_another_districts_thumbnail_is_404(client_for, coordinator_b, coordinator_a, order_a):
    _upload(client_for(coordinator_a), order_a, PDF_SCAN)
    for slug in (order_a.district.slug, "kozhevnikovo"):
        url = reverse("order_pending_scan_thumbnail", args=[slug, order_a.pk])
        assert client_for(coordinator_b).get(url).status_code == 404


def test_a_service_caller_gets_the_same_refusal(order_a, coordinator_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="не открывается"):
        orders.order_upload_signed_scan(order=order_a, upload=scan(FAKE_PDF),
                                        acting_user=coordinator_a)


def test_poppler_runs_under_a_memory_limit_and_a_timeout(monkeypatch):
    import sys

    from roadmaps import scans

    greedy = scans._poppler([sys.executable, "-c", "bytearray(2 * 1024 ** 3)"])
    assert greedy.returncode != 0 and b"MemoryError" in greedy.stderr
    monkeypatch.setattr(scans, "TIMEOUT", 0.5)
    with pytest.raises(scans.ScanRejected, match="не открылся за отведённое время"):
        scans._poppler([sys.executable, "-c", "import time; time.sleep(5)"])
