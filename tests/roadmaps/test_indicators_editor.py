"""A school programme's measure in a risk-direction section carries a target indicator: the
inline editor shows its fields there only, the row shows «what: base → target», and the
history carries it."""
import pytest
from django.urls import reverse

from core.models import AuditRecord
from roadmaps.models import Measure
from roadmaps.services.measures import measure_create, measure_delete, measure_restore
from roadmaps.services.sections import section_create
from roadmaps.templatetags.roadmap_rows import indicator_text
from schools.models import RiskFactor


@pytest.fixture
def risk_section(school_roadmap_a):
    factor = RiskFactor.objects.get(region=school_roadmap_a.district.region, position=10)
    return section_create(roadmap=school_roadmap_a, title=factor.title, risk_factor=factor,
                          acting_user=None)


@pytest.fixture
def measure(school_roadmap_a, risk_section):
    return measure_create(roadmap=school_roadmap_a, section=risk_section, acting_user=None,
                          text="Индивидуальные планы для обучающихся группы риска",
                          deadline_text="до 01.10.2026")


def edit_url(m):
    return reverse("measure_edit", args=[m.district.slug, m.pk])


def post_data(m, **extra):
    return {"version": m.version, "number_was": m.number, "number": m.number, "text": m.text,
            "deadline_text": m.deadline_text, "responsible_text": "", "result": "",
            "output_form": "", **extra}


INDICATOR = {"indicator_name": "Доля обучающихся с рисками учебной неуспешности",
             "indicator_unit": "%", "indicator_base": "12", "indicator_target": "5"}


@pytest.mark.django_db
def test_the_director_writes_the_indicator_and_the_row_shows_it(client_for, director_a, measure):
    client = client_for(director_a)
    form = client.get(edit_url(measure), HTTP_HX_REQUEST="true").content.decode()
    assert 'name="indicator_target"' in form and "Целевой показатель" in form
    response = client.post(edit_url(measure), post_data(measure, **INDICATOR),
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Доля обучающихся с рисками учебной неуспешности: 12 % → 5 %" in response.content.decode()
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.indicator_name, saved.indicator_unit, saved.indicator_base,
            saved.indicator_target) == tuple(INDICATOR.values())
    record = AuditRecord.objects.filter(target_type="measure", target_id=measure.pk,
                                        action="update").get()
    assert record.after["indicator_target"] == "5" and record.before["indicator_target"] == ""
    page = client.get(reverse("roadmap_detail", args=[measure.district.slug,
                                                      measure.roadmap_id])).content.decode()
    assert "12 % → 5 %" in page
    history = client.get(reverse("measure_history", args=[measure.district.slug, measure.pk]))
    assert "Целевое значение" in history.content.decode()


@pytest.mark.django_db
def test_no_indicator_fields_outside_a_risk_direction_and_the_indicator_is_kept(
        client_for, coordinator_a, school_roadmap_a, roadmap_a):
    plain = section_create(roadmap=school_roadmap_a, title="Организационные мероприятия",
                           acting_user=None)
    m = measure_create(roadmap=school_roadmap_a, section=plain, text="Совещание",
                       acting_user=None, indicators={"indicator_name": "Охват", "indicator_target": "100"})
    municipal = measure_create(roadmap=roadmap_a, text="Мониторинг", acting_user=None)
    client = client_for(coordinator_a)
    for target in (m, municipal):
        form = client.get(edit_url(target), HTTP_HX_REQUEST="true").content.decode()
        assert 'name="indicator_name"' not in form
    # a save without the fields keeps what is stored (an indicator written before a move)
    client.post(edit_url(m), post_data(m, indicator_name="подмена"), HTTP_HX_REQUEST="true")
    assert Measure.objects.get(pk=m.pk).indicator_name == "Охват"


@pytest.mark.django_db
def test_a_too_long_value_is_refused_in_russian_and_the_text_stays(client_for, director_a,
                                                                  measure):
    response = client_for(director_a).post(
        edit_url(measure), post_data(measure, **{**INDICATOR, "indicator_base": "9" * 61}),
        HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 422
    assert "Убедитесь, что это значение содержит не более 60 символов" in html
    assert INDICATOR["indicator_name"] in html
    assert Measure.objects.get(pk=measure.pk).indicator_base == ""


@pytest.mark.django_db
def test_a_new_measure_in_a_risk_section_gets_its_indicator(client_for, director_a,
                                                           school_roadmap_a, risk_section):
    url = reverse("measure_new", args=[school_roadmap_a.district.slug, school_roadmap_a.pk])
    form = client_for(director_a).get(url, {"section": risk_section.pk}, HTTP_HX_REQUEST="true")
    assert 'name="indicator_base"' in form.content.decode()
    response = client_for(director_a).post(url, {"section": risk_section.pk, "text": "Консилиум",
                                                 "number_was": "", "number": "", **INDICATOR},
                                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Measure.objects.get(text="Консилиум").indicator_target == "5"


@pytest.mark.django_db
def test_a_deleted_measure_comes_back_with_its_indicator(measure, director_a):
    Measure.objects.filter(pk=measure.pk).update(**INDICATOR)
    measure.refresh_from_db()
    record = measure_delete(measure=measure, acting_user=director_a)
    back = measure_restore(record=record, roadmap=measure.roadmap, acting_user=director_a)
    assert (back.indicator_name, back.indicator_target) == (INDICATOR["indicator_name"], "5")


def test_the_indicator_reads_as_a_sentence():
    class M:
        indicator_name, indicator_unit, indicator_base, indicator_target = "Доля", "%", "", "5"

    assert indicator_text(M) == "Доля: — → 5 %"
    M.indicator_name, M.indicator_unit, M.indicator_base = "", "", "3"
    assert indicator_text(M) == "3 → 5"


@pytest.mark.django_db
def test_next_years_copy_keeps_the_risk_directions_and_indicators(measure, risk_section,
                                                                  director_a):
    from roadmaps.services.roadmaps import roadmap_copy_forward

    Measure.objects.filter(pk=measure.pk).update(**INDICATOR)
    copy = roadmap_copy_forward(source=measure.roadmap, acting_user=director_a)
    copied = Measure.objects.select_related("section").get(roadmap=copy)
    assert copied.section.risk_factor_id == risk_section.risk_factor_id
    assert (copied.indicator_base, copied.indicator_target) == ("12", "5")
