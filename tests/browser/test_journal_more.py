"""«Показать ещё» in the journal appends the next page in place (htmx), with no row twice."""
import pytest
from playwright.sync_api import expect

from core.models import AuditRecord
from roadmaps.selectors.history import PAGE_SIZE
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import DistrictFactory, RegionFactory, RoadmapFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_show_more_appends_the_next_page_of_the_journal(page, live_server, sign_in):
    district = DistrictFactory(region=RegionFactory(slug="tomsk", time_zone="Asia/Tomsk"),
                               slug="molchanovo")
    user = UserFactory(email="coord@example.ru")
    membership_grant(user=user, role=Role.COORDINATOR, district=district)
    roadmap = RoadmapFactory(district=district)
    AuditRecord.objects.bulk_create([
        AuditRecord(district=district, action=AuditRecord.Action.CREATE, target_type="measure",
                    target_id=i + 1, roadmap_id_ref=roadmap.pk, after={"text": f"Запись {i:03d}"})
        for i in range(PAGE_SIZE + 30)
    ])
    sign_in(page, "coord@example.ru")
    page.goto(f"{live_server.url}/molchanovo/roadmaps/{roadmap.pk}/history/")
    rows = page.locator("tr.history-entry")
    expect(rows).to_have_count(PAGE_SIZE)

    page.get_by_role("link", name="Показать ещё").click()

    expect(rows).to_have_count(PAGE_SIZE + 30)
    expect(page.get_by_role("link", name="Показать ещё")).to_have_count(0)
    assert page.url.endswith("/history/")  # appended in place, not a new page
    texts = rows.locator("td:nth-child(4)").all_inner_texts()
    assert len(set(texts)) == PAGE_SIZE + 30
