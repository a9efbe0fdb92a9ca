"""Every region starts with the federal «500+» risk directions, once."""
from schools.models import DEFAULT_RISK_FACTORS, RiskFactor
from schools.services.regions import region_get_or_create
from schools.services.risk_factors import risk_factors_seed_defaults


def test_a_new_region_starts_with_the_twelve_default_directions_in_order(db):
    region, created = region_get_or_create(name="Самарская область", time_zone="Europe/Samara")
    assert created
    titles = list(RiskFactor.objects.filter(region=region).values_list("title", flat=True))
    assert titles == list(DEFAULT_RISK_FACTORS)
    assert len(titles) == 12 and titles[0] == "Низкий уровень оснащения школы"


def test_seeding_again_leaves_a_catalogue_the_region_has_changed_alone(region):
    first = RiskFactor.objects.filter(region=region).order_by("position").first()
    first.title = "Низкий уровень оснащения школы (в т. ч. цифровым оборудованием)"
    first.save()
    assert risk_factors_seed_defaults(region=region) == 0
    assert RiskFactor.objects.filter(region=region).count() == 12
    assert RiskFactor.objects.filter(region=region, title=first.title).exists()
