"""Under our Content-Security-Policy (no inline script, style or eval) the pages run with
no violation in Chromium, and what moved from inline script to static/js still works: the
order's «+» rows, the mentor page's year picker, htmx edits with the CSRF token."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_run_under_the_policy_without_a_violation(page, live_server, sign_in, coordinator_a,
                                                        district_a, roadmap_a, list_entry_a):
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("pageerror", lambda e: violations.append(str(e)))

    sign_in(page, coordinator_a.email)
    for path in ["/", f"/{district_a.slug}/", f"/{district_a.slug}/lists/",
                 f"/{district_a.slug}/imports/roadmap/", f"/{district_a.slug}/organizations/",
                 f"/{district_a.slug}/roadmaps/{roadmap_a.pk}/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")

    policy = page.goto(f"{live_server.url}/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy

    # the order's compose page: its script now comes from static/js/order_compose.js
    page.goto(f"{live_server.url}/{district_a.slug}/roadmaps/{roadmap_a.pk}/order/new/")
    before = page.locator("#interviews > *").count()
    page.get_by_role("button", name="+ Группа собеседования").click()
    expect(page.locator("#interviews > *")).to_have_count(before + 1)

    # the mentor page's year picker submits on change (no inline onchange)
    page.goto(f"{live_server.url}/{district_a.slug}/mentors/?year=2026")
    page.get_by_label("Год").select_option("2027")
    page.wait_for_url("**/mentors/?year=2027")

    page.goto(f"{live_server.url}/admin/login/")
    page.wait_for_load_state("networkidle")
    assert violations == []
