"""Which schools a measure concerns, and what counts as done (monitoring.selectors.addressees)."""
from datetime import date

from monitoring.models import ProgressReport
from monitoring.selectors.addressees import addressed_schools, done_keys
from roadmaps.models import DueDate, MeasureResponsible
from schools.models import SchoolList

from ..factories import MeasureFactory, OrganizationFactory, SchoolListEntryFactory


def test_a_municipal_measure_concerns_its_responsible_schools_only(roadmap_a, school_a, body_a, other_school_a):
    m = MeasureFactory(roadmap=roadmap_a)
    for pos, org in enumerate((school_a, body_a)):
        MeasureResponsible.objects.create(district=roadmap_a.district, measure=m, organization=org, position=pos)
    assert addressed_schools([m.pk]) == {m.pk: frozenset({school_a.pk})}


def test_a_measure_addressed_to_schools_as_a_group_concerns_the_flagged_schools_of_its_years(
        roadmap_a, school_a, other_school_a):
    year = roadmap_a.period_start.year
    SchoolListEntryFactory(school_list__district=roadmap_a.district, school_list__year=year,
                           school_list__kind=SchoolList.Kind.LOW_RESULTS, organization=school_a)
    # excluded from the list, and a mentor school: neither is concerned
    SchoolListEntryFactory(school_list__district=roadmap_a.district, school_list__year=year,
                           school_list__kind=SchoolList.Kind.DIFFICULT_CONDITIONS,
                           organization=other_school_a, excluded_on=date(year, 3, 1))
    mentor = OrganizationFactory(district=roadmap_a.district, short_name="МАОУ Наставник")
    SchoolListEntryFactory(school_list__district=roadmap_a.district, school_list__year=year,
                           school_list__kind=SchoolList.Kind.MENTOR, organization=mentor)
    m = MeasureFactory(roadmap=roadmap_a, addresses_flagged_schools=True)
    plain = MeasureFactory(roadmap=roadmap_a)
    assert addressed_schools([m.pk, plain.pk]) == {m.pk: frozenset({school_a.pk}), plain.pk: frozenset()}


def test_a_school_programme_measure_concerns_its_school(school_roadmap_a, school_a):
    m = MeasureFactory(roadmap=school_roadmap_a)
    assert addressed_schools([m.pk]) == {m.pk: frozenset({school_a.pk})}


def test_done_means_reported_done_and_not_returned(roadmap_a, school_a, other_school_a):
    m = MeasureFactory(roadmap=roadmap_a)
    due = DueDate.objects.create(district=roadmap_a.district, measure=m, due_on=date(2025, 3, 1))
    common = dict(district=roadmap_a.district, measure=m, due_date=due)
    ProgressReport.objects.create(school=school_a, status=ProgressReport.Status.DONE, **common)
    ProgressReport.objects.create(school=other_school_a, status=ProgressReport.Status.DONE,
                                  review=ProgressReport.Review.RETURNED, **common)
    ProgressReport.objects.create(school=None, status=ProgressReport.Status.IN_PROGRESS, **common)
    assert done_keys([due.pk]) == {(due.pk, school_a.pk)}
