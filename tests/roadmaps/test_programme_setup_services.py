"""Creating school programmes for a list, their sections following the risk profile, and
filling a programme from an earlier one."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditRecord
from roadmaps.models import Measure, Roadmap, Section
from roadmaps.services.measures import measure_create
from roadmaps.services.programmes import (
    programme_fill_from_template,
    programme_risk_profile_save,
    programme_sections_sync,
    programmes_create_for_list,
    programmes_plan,
    template_sources,
)
from roadmaps.services.sections import section_create
from schools.models import RiskFactor, RiskProfile, SchoolListEntry
from schools.services.risk_profiles import risk_profile_save
from tests.factories import OrganizationFactory, RoadmapFactory, SchoolListFactory

Y26 = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}


@pytest.fixture
def school_list(district_a, school_a, other_school_a):
    flagged = SchoolListFactory(district=district_a, year=2026)
    for org in (school_a, other_school_a):
        SchoolListEntry.objects.create(district=district_a, school_list=flagged, organization=org)
    return flagged


def factors(region, *positions):
    by_pos = {f.position: f for f in RiskFactor.objects.filter(region=region)}
    return [by_pos[p] for p in positions]


def profile(school, user, year, *positions):
    chosen = {f.pk: f"Причина: {f.title[:20]}" for f in factors(school.district.region, *positions)}
    return risk_profile_save(organization=school, year=year, chosen=chosen,
                             expected_version=None, acting_user=user).profile


@pytest.mark.django_db
def test_one_programme_per_listed_school_with_sections_of_its_profile(
        school_list, school_a, other_school_a, coordinator_a):
    profile(school_a, coordinator_a, 2026, 2, 11)
    result = programmes_create_for_list(school_list=school_list, title_kind="Антирисковая программа",
                                        user=coordinator_a, **Y26)
    assert len(result.created) == 2 and result.skipped == []
    mine = Roadmap.objects.get(school=school_a)
    assert mine.title == "Антирисковая программа МКОУ Кармаклинская СОШ на 2026 год"
    assert (mine.status, mine.school_list, mine.created_by) == ("draft", school_list, coordinator_a)
    assert list(Section.objects.filter(roadmap=mine).order_by("position")
                .values_list("number", "title", "risk_factor__position")) == [
        ("1", "Дефицит педагогических кадров", 2),
        ("2", "Низкая учебная мотивация обучающихся", 11)]
    assert not Section.objects.filter(roadmap__school=other_school_a).exists()  # no profile yet
    assert AuditRecord.objects.filter(target_type="roadmap", action="create",
                                      target_id__in=[r.pk for r in result.created]).count() == 2


@pytest.mark.django_db
def test_a_school_with_an_overlapping_programme_or_excluded_is_skipped(
        school_list, school_a, other_school_a, coordinator_a):
    existing = RoadmapFactory(district=school_a.district, school=school_a,
                              period_start=date(2025, 9, 1), period_end=date(2026, 5, 31))
    SchoolListEntry.objects.filter(organization=other_school_a).update(
        excluded_on=date(2026, 3, 1))
    plan = programmes_plan(school_list=school_list, **Y26)
    assert [(r.school, r.existing, r.creates) for r in plan] == [
        (school_a, existing, False), (other_school_a, None, False)]
    result = programmes_create_for_list(school_list=school_list, title_kind="Программа помощи",
                                        user=coordinator_a, **Y26)
    assert result.created == [] and len(result.skipped) == 2
    # a second press creates nothing twice
    RoadmapFactory(district=school_a.district, school=school_a, status="archived", **Y26)
    SchoolListEntry.objects.update(excluded_on=None)
    again = programmes_create_for_list(school_list=school_list, title_kind="Программа помощи",
                                       user=coordinator_a, **Y26)
    assert [r.school for r in again.created] == [other_school_a]
    assert programmes_create_for_list(school_list=school_list, title_kind="Программа помощи",
                                      user=coordinator_a, **Y26).created == []


@pytest.mark.django_db
def test_an_impossible_period_or_kind_is_refused_in_russian(school_list, coordinator_a):
    with pytest.raises(ValidationError) as exc:
        programmes_create_for_list(school_list=school_list, title_kind="Антирисковая программа",
                                   user=coordinator_a, period_start=date(2026, 12, 31),
                                   period_end=date(2026, 1, 1))
    assert exc.value.message_dict == {"period_end": ["Конец периода раньше его начала."]}
    with pytest.raises(ValidationError) as exc:
        programmes_create_for_list(school_list=school_list, title_kind="Programme",
                                   user=coordinator_a, **Y26)
    assert "Выберите, как называть программы." in exc.value.messages
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
def test_a_period_of_several_years_is_named_so(school_list, school_a, coordinator_a):
    result = programmes_create_for_list(school_list=school_list, title_kind="Дорожная карта школы",
                                        user=coordinator_a, period_start=date(2026, 9, 1),
                                        period_end=date(2027, 5, 31))
    assert "Дорожная карта школы МКОУ Кармаклинская СОШ на 2026–2027 годы" in [
        r.title for r in result.created]


@pytest.mark.django_db
def test_a_profile_and_its_sections_are_saved_together_or_not_at_all(
        school_list, school_a, coordinator_a, director_a, monkeypatch):
    programmes_create_for_list(school_list=school_list, title_kind="Антирисковая программа",
                               user=coordinator_a, **Y26)
    chosen = {f.pk: "Так" for f in factors(school_a.district.region, 1)}
    result = programme_risk_profile_save(organization=school_a, year=2026, chosen=chosen,
                                         expected_version=None, acting_user=director_a)
    assert [s.title for s in result.synced.added] == ["Низкий уровень оснащения школы"]
    assert result.saved.profile.pk

    import roadmaps.services.programmes as programmes

    def broken(**kwargs):
        raise ValidationError("раздел не добавлен")

    monkeypatch.setattr(programmes, "programme_sections_sync", broken)
    with pytest.raises(ValidationError):
        programme_risk_profile_save(organization=school_a, year=2027, chosen=chosen,
                                    expected_version=None, acting_user=director_a)
    assert not RiskProfile.objects.filter(organization=school_a, year=2027).exists()


@pytest.mark.django_db
def test_a_saved_profile_adds_sections_and_reports_the_ones_that_no_longer_fit(
        school_list, school_a, coordinator_a, director_a):
    programmes_create_for_list(school_list=school_list, title_kind="Антирисковая программа",
                               user=coordinator_a, **Y26)
    programme = Roadmap.objects.get(school=school_a)
    saved = risk_profile_save(organization=school_a, year=2026, expected_version=None,
                              acting_user=director_a,
                              chosen={f.pk: "Так" for f in factors(school_a.district.region, 1, 3)})
    synced = programme_sections_sync(profile=saved.profile, user=director_a)
    assert [s.title for s in synced.added] == [
        "Низкий уровень оснащения школы",
        "Недостаточная предметная и методическая компетентность педагогических работников"]
    assert synced.stale == []
    again = risk_profile_save(organization=school_a, year=2026, acting_user=director_a,
                              expected_version=saved.profile.version,
                              chosen={factors(school_a.district.region, 3)[0].pk: "Так"})
    assert [f.position for f in again.removed] == [1]
    synced = programme_sections_sync(profile=again.profile, user=director_a)
    assert synced.added == []
    assert [s.title for s in synced.stale] == ["Низкий уровень оснащения школы"]
    assert Section.objects.filter(roadmap=programme).count() == 2  # never deleted

    # a programme under review is not touched
    Roadmap.objects.filter(pk=programme.pk).update(status="submitted")
    third = risk_profile_save(organization=school_a, year=2026, acting_user=director_a,
                              expected_version=again.profile.version,
                              chosen={f.pk: "Так" for f in factors(school_a.district.region, 3, 4)})
    assert programme_sections_sync(profile=third.profile, user=director_a).added == []


@pytest.mark.django_db
def test_the_profile_needs_a_note_and_a_factor_of_the_region(school_a, coordinator_a,
                                                            other_region_district):
    mine = factors(school_a.district.region, 1)[0]
    foreign = RiskFactor.objects.filter(region=other_region_district.region).first()
    with pytest.raises(ValidationError) as exc:
        risk_profile_save(organization=school_a, year=2026, expected_version=None,
                          acting_user=coordinator_a, chosen={mine.pk: "  ", foreign.pk: "Да"})
    assert exc.value.message_dict == {
        f"factor_{mine.pk}": ["Кратко напишите, почему этот фактор риска относится к школе."],
        f"factor_{foreign.pk}": ["Этого фактора риска нет в каталоге региона."]}


@pytest.mark.django_db
def test_a_stale_profile_is_refused(school_a, coordinator_a, director_a):
    from core.versioning import StaleVersion

    f1, f2 = factors(school_a.district.region, 1, 2)
    first = risk_profile_save(organization=school_a, year=2026, expected_version=None,
                              acting_user=director_a, chosen={f1.pk: "Мало компьютеров"})
    opened_at = first.profile.version
    risk_profile_save(organization=school_a, year=2026, expected_version=opened_at,
                      acting_user=director_a, chosen={f2.pk: "Нет учителя физики"})
    with pytest.raises(StaleVersion):
        risk_profile_save(organization=school_a, year=2026, expected_version=opened_at,
                          acting_user=coordinator_a, chosen={f1.pk: "Другое"})
    with pytest.raises(StaleVersion):  # opened before the profile existed
        risk_profile_save(organization=school_a, year=2026, expected_version=None,
                          acting_user=coordinator_a, chosen={f1.pk: "Другое"})


# --- from a template -------------------------------------------------------------------

@pytest.fixture
def last_year(district_a, other_school_a, body_a, coordinator_a):
    """Last year's programme of another school: a risk direction, a plain section, a
    measure outside sections."""
    f2, f11 = factors(district_a.region, 2, 11)
    source = RoadmapFactory(district=district_a, school=other_school_a, status="approved",
                            period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                            title="Программа Тополевской ООШ на 2025 год")
    staff = section_create(roadmap=source, title=f2.title, risk_factor=f2, acting_user=None)
    motivation = section_create(roadmap=source, title="низкая учебная  мотивация обучающихся.",
                                acting_user=None)
    extra = section_create(roadmap=source, title="Работа с родителями", acting_user=None)
    measure_create(roadmap=source, section=staff, text="Привлечь молодых учителей",
                   deadline_text="до 01.09.2025", responsible=[body_a], acting_user=None,
                   indicators={"indicator_name": "Укомплектованность кадрами",
                               "indicator_unit": "%", "indicator_base": "80",
                               "indicator_target": "100"})
    measure_create(roadmap=source, section=motivation, text="Проектная неделя",
                   deadline_text="Апрель 2025", acting_user=None)
    measure_create(roadmap=source, section=extra, text="Родительский всеобуч",
                   deadline_text="ежеквартально", acting_user=None)
    measure_create(roadmap=source, text="Анализ результатов ВПР", deadline_text="Май 2025",
                   acting_user=None)
    return source, f11


@pytest.mark.django_db
def test_filling_copies_the_measures_into_matching_sections_with_deadlines_moved(
        last_year, school_a, coordinator_a, director_a, body_a):
    source, f11 = last_year
    f2 = factors(school_a.district.region, 2)[0]
    target = RoadmapFactory(district=school_a.district, school=school_a, **Y26)
    own_staff = section_create(roadmap=target, title="Кадры", risk_factor=f2, acting_user=None)
    own_motivation = section_create(roadmap=target, title=f11.title, risk_factor=f11,
                                    acting_user=None)
    assert list(template_sources(roadmap=target, user=director_a)) == []  # not its school's
    assert list(template_sources(roadmap=target, user=coordinator_a)) == [source]
    filled = programme_fill_from_template(roadmap=target, source=source, user=coordinator_a)
    assert filled.measures == 4 and [s.title for s in filled.sections_added] == [
        "Работа с родителями"]
    rows = {m.text: m for m in Measure.objects.filter(roadmap=target).select_related("section")}
    staff = rows["Привлечь молодых учителей"]
    assert staff.section == own_staff  # matched by risk direction, whatever the title
    assert staff.deadline_text == "до 01.09.2026"
    assert [d.due_on for d in staff.due_dates.all()] == [date(2026, 9, 1)]
    assert (staff.indicator_name, staff.indicator_unit, staff.indicator_base,
            staff.indicator_target) == ("Укомплектованность кадрами", "%", "80", "100")
    assert list(staff.responsible.all()) == [body_a]
    assert rows["Проектная неделя"].section == own_motivation  # matched by title
    assert rows["Проектная неделя"].deadline_text == "Апрель 2026"
    assert rows["Родительский всеобуч"].section.title == "Работа с родителями"
    assert rows["Анализ результатов ВПР"].section is None
    assert rows["Родительский всеобуч"].due_dates.count() == 4
    assert Measure.objects.filter(roadmap=source).count() == 4  # the source stays


@pytest.mark.django_db
def test_filling_is_refused_for_a_programme_under_review_or_a_later_source(
        last_year, school_a, coordinator_a):
    source, _ = last_year
    target = RoadmapFactory(district=school_a.district, school=school_a, status="submitted", **Y26)
    with pytest.raises(ValidationError, match="на рассмотрении или утверждена"):
        programme_fill_from_template(roadmap=target, source=source, user=coordinator_a)
    Roadmap.objects.filter(pk=target.pk).update(status="draft")
    with pytest.raises(ValidationError, match="более ранний период"):
        later = RoadmapFactory(district=school_a.district, school=school_a,
                               period_start=date(2027, 1, 1), period_end=date(2027, 12, 31))
        programme_fill_from_template(roadmap=target, source=later, user=coordinator_a)
    assert not Measure.objects.filter(roadmap=target).exists()


@pytest.mark.django_db
def test_other_districts_programmes_are_templates_only_for_the_regional_group(
        last_year, school_a, school_b, coordinator_a, regional_member):
    from schools.models import Role
    from schools.services.memberships import membership_grant

    source, _ = last_year
    approved_b = RoadmapFactory(district=school_b.district, school=school_b, status="approved",
                                period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    RoadmapFactory(district=school_b.district, school=OrganizationFactory(district=school_b.district),
                   status="draft", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    target = RoadmapFactory(district=school_a.district, school=school_a, **Y26)
    assert list(template_sources(roadmap=target, user=coordinator_a)) == [source]
    membership_grant(user=coordinator_a, role=Role.REGIONAL, region=school_a.district.region)
    from core.access import forget_grants
    forget_grants(coordinator_a)
    assert set(template_sources(roadmap=target, user=coordinator_a)) == {source, approved_b}
