"""Seed 001 numbers its 47 measures straight through the sections. Imported and then moved
in the browser, its numbers stay a straight count: 1, 2, 3 … as the printed order needs."""
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from roadmaps.models import Roadmap
from tests.support.seeds import seed_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_moving_a_measure_of_a_continuously_numbered_import_keeps_the_count(
        page, live_server, sign_in, coordinator_a, district_a, artifacts_dir):
    path = seed_file("001")
    out = io.StringIO()
    call_command("import_roadmap", str(path), "--district", district_a.slug, stdout=out)
    roadmap = Roadmap.objects.get(pk=int(out.getvalue().splitlines()[0]))
    assert roadmap.numbering == Roadmap.Numbering.CONTINUOUS

    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/roadmaps/{roadmap.pk}/")
    second = page.locator("tr.measure").nth(1)
    text = second.locator("td").nth(1).inner_text()[:40]
    page.get_by_role("button", name="Мероприятие 2 ниже").click()
    moved = page.locator("tr.measure", has_text=text)
    expect(moved.locator("td.num")).to_have_text("3")
    numbers = [n.strip() for n in page.locator("tr.measure td.num").all_inner_texts()]
    assert numbers == [str(i) for i in range(1, 48)]
    page.screenshot(path=artifacts_dir / "numbering_after_move.png")
