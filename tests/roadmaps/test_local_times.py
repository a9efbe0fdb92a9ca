"""Every time on a page is the district's own local time, labelled in Russian: the journal,
the measure's history and the order page agree to the minute (settings.TIME_ZONE is Moscow)."""
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from core.models import AuditRecord
from roadmaps.models import Order
from schools.models import District, Region

MOMENT = datetime(2020, 6, 22, 7, 5, tzinfo=UTC)  # 14:05 in Tomsk, 11:05 in Samara, 10:05 in Moscow


def _stamp(order):
    """The journal's records, the files and the signature of the order: all at MOMENT."""
    AuditRecord.objects.filter(district_id=order.district_id).update(created_at=MOMENT)
    Order.objects.filter(pk=order.pk).update(
        pdf="orders/o.pdf", docx="orders/o.docx", rendered_at=MOMENT, signed_at=MOMENT,
        status=Order.Status.SIGNED, render_state=Order.RenderState.DONE)


def _pages(client, order):
    slug, roadmap = order.district.slug, order.roadmap
    measure = roadmap.measures.first()
    AuditRecord.objects.create(district_id=order.district_id, action=AuditRecord.Action.UPDATE,
                               target_type="measure", target_id=measure.pk,
                               roadmap_id_ref=roadmap.pk, before={"text": "было"},
                               after={"text": "стало"})
    _stamp(order)
    urls = {
        "journal": reverse("roadmap_history", args=[slug, roadmap.pk]),
        "measure": reverse("measure_history", args=[slug, measure.pk]),
        "order": reverse("order_detail", args=[slug, order.pk]),
        "status": reverse("order_status", args=[slug, order.pk]),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    return pages


@pytest.mark.django_db
def test_the_journal_and_the_order_page_show_the_same_tomsk_time_with_its_russian_label(
        client_for, coordinator_a, order_a):
    pages = _pages(client_for(coordinator_a), order_a)

    for name, html in pages.items():
        assert "22.06.2020 14:05" in html, name
        assert "10:05" not in html, name  # Moscow's clock, settings.TIME_ZONE
        assert "Asia/" not in html and "Europe/" not in html, name
    assert "Время — томское, UTC+7." in pages["journal"]
    assert "Время — томское, UTC+7." in pages["measure"]
    assert pages["journal"].count("UTC+7") == 1  # once per page, not on every row
    assert "Скан загружен 22.06.2020 14:05 (томское время, UTC+7)" in pages["order"]
    assert "сформированы 22.06.2020 14:05 (томское время, UTC+7)" in pages["status"]


@pytest.mark.django_db
@pytest.mark.parametrize("zone,clock,label", [
    ("Europe/Samara", "22.06.2020 11:05", "самарское время, UTC+4"),
    ("Europe/Moscow", "22.06.2020 10:05", "московское время, UTC+3"),
])
def test_a_district_of_another_region_sees_its_own_clock(client_for, coordinator_a, order_a,
                                                         zone, clock, label):
    Region.objects.filter(districts=order_a.district).update(time_zone=zone)
    order_a.district = District.objects.select_related("region").get(pk=order_a.district_id)
    pages = _pages(client_for(coordinator_a), order_a)

    assert f"{clock} ({label})" in pages["order"]
    assert clock in pages["journal"]
    assert "Asia/" not in pages["order"] + pages["journal"]


def test_no_template_prints_a_time_through_the_date_filter():
    """`|date:"H:i"` and `|time` print settings.TIME_ZONE (Moscow): times go through `in_zone`."""
    from django.conf import settings

    offenders = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\|\s*(?:date:\s*[\"'][^\"']*[aAfgGhHiPsu]|time\b)", line):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{n}")
    assert offenders == []
