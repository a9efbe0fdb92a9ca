"""The region's working group keeps its risk-factor catalogue in the browser: renames a
factor in place, is refused a duplicate in Russian, adds one, retires one, moves one up."""
import pytest
from playwright.sync_api import expect

from schools.models import DEFAULT_RISK_FACTORS, RiskFactor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_regional_member_edits_the_catalogue(page, live_server, sign_in, regional_member, region,
                                               artifacts_dir):
    sign_in(page, regional_member.email)
    page.goto(f"{live_server.url}/region/{region.slug}/")
    page.get_by_role("link", name="Каталог факторов риска").click()
    expect(page.get_by_role("heading", name="Каталог факторов риска")).to_be_visible()
    expect(page.get_by_role("heading", name="12 направлений")).to_be_visible()

    # rename in place, saved with Enter
    page.get_by_role("button", name=f"Переименовать: {DEFAULT_RISK_FACTORS[0]}").click()
    field = page.locator("tr.editing input[name=title]")
    field.fill("Низкий уровень оснащения школы (в т. ч. цифровым оборудованием)")
    field.press("Enter")
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.locator("#risk-factors")).to_contain_text("в т. ч. цифровым оборудованием")

    # a duplicate is refused next to the form, the text stays
    page.get_by_label("Добавить направление").fill(DEFAULT_RISK_FACTORS[1])
    page.get_by_role("button", name="Добавить", exact=True).click()
    expect(page.get_by_text("Такое направление риска в каталоге региона уже есть.")).to_be_visible()
    expect(page.get_by_label("Добавить направление")).to_have_value(DEFAULT_RISK_FACTORS[1])
    page.screenshot(path=artifacts_dir / "risk_factors_duplicate.png", full_page=False)

    page.get_by_label("Добавить направление").fill("Низкая доля выпускников, продолжающих обучение")
    page.get_by_role("button", name="Добавить", exact=True).click()
    expect(page.get_by_role("heading", name="13 направлений")).to_be_visible()

    # retire one, move the new one up
    page.get_by_role("button", name=f"Не использовать: {DEFAULT_RISK_FACTORS[5]}").click()
    expect(page.get_by_role("button", name=f"Вернуть: {DEFAULT_RISK_FACTORS[5]}")).to_be_visible()
    page.get_by_role("button", name="Выше: Низкая доля выпускников, продолжающих обучение").click()
    expect(page.locator("#risk-factors tbody tr").nth(11)).to_contain_text("Низкая доля выпускников")
    page.screenshot(path=artifacts_dir / "risk_factors.png", full_page=True)

    titles = list(RiskFactor.objects.filter(region=region).order_by("position", "id")
                  .values_list("title", flat=True))
    assert titles[11] == "Низкая доля выпускников, продолжающих обучение"
    assert not RiskFactor.objects.get(region=region, title=DEFAULT_RISK_FACTORS[5]).is_active
