"""Which reminders are due on a local day and who gets them (monitoring.selectors.reminders),
and the contract of `send_reminders --dry-run --format json`."""
import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from monitoring.models import PersonSettings, ProgressReport, Stage
from monitoring.selectors.reminders import (
    as_contract,
    number_key,
    reminders_for_day,
    stage_days,
    stage_of,
)
from roadmaps.models import DueDate, MeasureResponsible, Roadmap
from schools.models import Organization, Role, SchoolList
from schools.services.memberships import membership_grant

from ..factories import (
    MeasureFactory,
    OrganizationFactory,
    SchoolListEntryFactory,
    SchoolListFactory,
    UserFactory,
)

DAY = date(2026, 12, 5)


# --- helpers shared by the reminder tests -------------------------------------------------------

def approve(roadmap):
    Roadmap.objects.filter(pk=roadmap.pk).update(status=Roadmap.Status.APPROVED)
    roadmap.refresh_from_db()
    return roadmap


def measure_due(roadmap, due_on, *responsible, number=None, **fields):
    """A measure of `roadmap` with one due date and these responsible organisations."""
    extra = {"number": number} if number is not None else {}
    m = MeasureFactory(roadmap=roadmap, **extra, **fields)
    for pos, org in enumerate(responsible):
        MeasureResponsible.objects.create(district=roadmap.district, measure=m, organization=org,
                                          position=pos)
    due = DueDate.objects.create(district=roadmap.district, measure=m, due_on=due_on)
    return m, due


def report_done(due, school=None, **fields):
    return ProgressReport.objects.create(district=due.district, measure=due.measure, due_date=due,
                                         school=school, status=ProgressReport.Status.DONE, **fields)


def director_of(school, email):
    user = UserFactory(email=email)
    membership_grant(user=user, role=Role.DIRECTOR, organization=school)
    return user


def contract(day=DAY, district_ids=None):
    return as_contract(reminders_for_day(day, district_ids))


def addressees(day=DAY, district_ids=None):
    return {p["to"]: [(i["number"], i["stage"]) for i in p["items"]] for p in contract(day, district_ids)}


# --- the days of the stages (pure) ------------------------------------------------------------------

def test_the_stages_of_a_day_are_a_week_before_the_day_before_the_day_and_every_week_late_for_eight_weeks():
    days = stage_days(DAY)
    assert days[DAY + timedelta(days=7)] == Stage.WEEK
    assert days[DAY + timedelta(days=1)] == Stage.TOMORROW
    assert days[DAY] == Stage.TODAY
    late = sorted((DAY - d).days for d, s in days.items() if s == Stage.OVERDUE)
    assert late == [7, 14, 21, 28, 35, 42, 49, 56]
    assert stage_of(DAY - timedelta(days=63), DAY) is None
    assert stage_of(DAY - timedelta(days=8), DAY) is None
    assert stage_of(DAY + timedelta(days=2), DAY) is None


def test_measure_numbers_sort_as_people_read_them():
    numbers = ["1.10", "1.9", "2", "10", "1.2.1", "1", ""]
    assert sorted(numbers, key=number_key) == ["", "1", "1.2.1", "1.9", "1.10", "2", "10"]


# --- who ------------------------------------------------------------------------------------------

def test_a_responsible_school_reminds_its_director_and_a_supporting_body_its_contact_email(
        roadmap_a, school_a, body_a, coordinator_a, director_a):
    approve(roadmap_a)
    Organization.objects.filter(pk=body_a.pk).update(email="Toipkro@Example.ru")
    measure_due(roadmap_a, DAY + timedelta(days=1), school_a, body_a, number="1.1")
    assert addressees() == {"director-a@example.ru": [("1.1", "tomorrow")],
                            "toipkro@example.ru": [("1.1", "tomorrow")]}


def test_the_district_office_and_a_measure_with_no_matched_body_remind_the_coordinators(
        roadmap_a, coordinator_a, district_a):
    approve(roadmap_a)
    office = OrganizationFactory(district=district_a, kind=Organization.Kind.DISTRICT_OFFICE,
                                 short_name="Отдел образования")
    measure_due(roadmap_a, DAY, office, number="2.1")
    measure_due(roadmap_a, DAY + timedelta(days=7), number="2.2")  # no responsible matched
    assert addressees() == {"coord-a@example.ru": [("2.1", "today"), ("2.2", "week")]}


def test_an_item_that_would_reach_nobody_goes_to_the_coordinators(
        roadmap_a, school_a, body_a, coordinator_a):
    approve(roadmap_a)  # school_a has no director, body_a no e-mail
    measure_due(roadmap_a, DAY, school_a, number="1")
    measure_due(roadmap_a, DAY, body_a, number="2")
    assert addressees() == {"coord-a@example.ru": [("1", "today"), ("2", "today")]}


def test_only_roadmaps_in_force_remind(roadmap_a, school_roadmap_a, school_a, director_a, coordinator_a):
    measure_due(roadmap_a, DAY, school_a, number="1")  # a draft
    measure_due(school_roadmap_a, DAY, number="1")
    assert contract() == []
    for status in (Roadmap.Status.AGREED, Roadmap.Status.ARCHIVED, Roadmap.Status.SUBMITTED):
        Roadmap.objects.filter(pk__in=[roadmap_a.pk, school_roadmap_a.pk]).update(status=status)
        assert contract() == [], status
    approve(roadmap_a)
    approve(school_roadmap_a)
    assert addressees() == {"director-a@example.ru": [("1", "today"), ("1", "today")]}


def test_a_school_programme_reminds_its_director(school_roadmap_a, director_a, coordinator_a):
    approve(school_roadmap_a)
    measure_due(school_roadmap_a, DAY + timedelta(days=1), number="3.4")
    assert addressees() == {"director-a@example.ru": [("3.4", "tomorrow")]}


def test_overdue_reminds_every_seventh_day_until_done_and_the_curator_of_the_school_too(
        roadmap_a, school_a, other_school_a, director_a, curator_a, coordinator_a):
    approve(roadmap_a)
    _, due = measure_due(roadmap_a, DAY - timedelta(days=14), school_a, number="4")
    measure_due(roadmap_a, DAY - timedelta(days=14), other_school_a, number="5")  # not followed
    measure_due(roadmap_a, DAY + timedelta(days=1), school_a, number="6")  # not overdue: no curator
    measure_due(roadmap_a, DAY - timedelta(days=15), school_a, number="7")  # not a 7th day
    measure_due(roadmap_a, DAY - timedelta(days=63), school_a, number="8")  # past eight weeks
    assert addressees() == {
        "coord-a@example.ru": [("5", "overdue")],  # other_school_a has no director
        "curator-a@example.ru": [("4", "overdue")],
        "director-a@example.ru": [("4", "overdue"), ("6", "tomorrow")],
    }
    report_done(due, school_a)
    assert addressees() == {"coord-a@example.ru": [("5", "overdue")],
                            "director-a@example.ru": [("6", "tomorrow")]}


def test_a_returned_done_report_reminds_again(roadmap_a, school_a, director_a):
    approve(roadmap_a)
    _, due = measure_due(roadmap_a, DAY, school_a, number="1")
    report = report_done(due, school_a, review=ProgressReport.Review.RETURNED)
    assert addressees() == {"director-a@example.ru": [("1", "today")]}
    ProgressReport.objects.filter(pk=report.pk).update(review=ProgressReport.Review.ACCEPTED)
    assert contract() == []


def test_a_group_measure_reminds_each_flagged_school_until_that_school_reports_done(
        roadmap_a, school_a, other_school_a, director_a, coordinator_a):
    approve(roadmap_a)
    flagged = SchoolListFactory(district=roadmap_a.district, year=2026, kind=SchoolList.Kind.LOW_RESULTS)
    for school in (school_a, other_school_a):
        SchoolListEntryFactory(school_list=flagged, organization=school)
    director_of(other_school_a, "director-top@example.ru")
    _, due = measure_due(roadmap_a, DAY, number="1.3", addresses_flagged_schools=True,
                         responsible_text="Руководители ОО")
    assert addressees() == {"director-a@example.ru": [("1.3", "today")],
                            "director-top@example.ru": [("1.3", "today")]}
    report_done(due, school_a)
    assert addressees() == {"director-top@example.ru": [("1.3", "today")]}


def test_a_measure_without_a_school_stops_when_its_report_is_done(roadmap_a, body_a, coordinator_a):
    approve(roadmap_a)
    Organization.objects.filter(pk=body_a.pk).update(email="toipkro@example.ru")
    _, due = measure_due(roadmap_a, DAY, body_a, number="1")
    assert addressees() == {"toipkro@example.ru": [("1", "today")]}
    report_done(due, None)
    assert contract() == []


def test_a_stage_turned_off_is_left_out_but_a_contact_email_gets_everything(
        roadmap_a, school_a, body_a, director_a):
    approve(roadmap_a)
    Organization.objects.filter(pk=body_a.pk).update(email="toipkro@example.ru")
    measure_due(roadmap_a, DAY, school_a, body_a, number="1")
    measure_due(roadmap_a, DAY + timedelta(days=7), school_a, body_a, number="2")
    PersonSettings.objects.create(user=director_a, disabled_stages=[Stage.WEEK])
    assert addressees() == {"director-a@example.ru": [("1", "today")],
                            "toipkro@example.ru": [("1", "today"), ("2", "week")]}


def test_districts_are_apart(roadmap_a, roadmap_b, school_a, school_b, director_a, coordinator_b):
    approve(roadmap_a)
    approve(roadmap_b)
    measure_due(roadmap_a, DAY, school_a, number="1")
    measure_due(roadmap_b, DAY, school_b, number="1")  # school_b has no director
    assert addressees(district_ids=[roadmap_a.district_id]) == {"director-a@example.ru": [("1", "today")]}
    assert addressees(district_ids=[roadmap_b.district_id]) == {"coord-b@example.ru": [("1", "today")]}


def test_the_due_dates_are_read_in_a_fixed_number_of_queries(
        roadmap_a, school_a, body_a, director_a, curator_a, coordinator_a, django_assert_max_num_queries):
    approve(roadmap_a)
    for n in range(5):
        measure_due(roadmap_a, DAY - timedelta(days=7), school_a, body_a, number=f"1.{n}")
    with django_assert_max_num_queries(10) as small:
        reminders_for_day(DAY)
    for n in range(5, 60):
        measure_due(roadmap_a, DAY - timedelta(days=7 * (1 + n % 8)), school_a, body_a, number=f"1.{n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        digests = reminders_for_day(DAY)
    assert sum(len(d.items) for d in digests if d.email == "director-a@example.ru") == 60


# --- the command --------------------------------------------------------------------------------

def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_dry_run_prints_the_json_contract_sorted_by_address_then_due_date_and_number(
        roadmap_a, school_roadmap_a, school_a, body_a, director_a, coordinator_a, mail_server):
    approve(roadmap_a)
    approve(school_roadmap_a)
    Organization.objects.filter(pk=body_a.pk).update(email="toipkro@example.ru")
    measure_due(roadmap_a, DAY + timedelta(days=7), school_a, number="1.10")
    measure_due(roadmap_a, DAY + timedelta(days=7), school_a, number="1.9")
    measure_due(roadmap_a, DAY - timedelta(days=7), school_a, body_a, number="2.1")
    measure_due(school_roadmap_a, DAY, number="1.1")
    measure_due(roadmap_a, DAY + timedelta(days=1), number="3")
    printed = json.loads(run("--date", "2026-12-05", "--dry-run", "--format", "json"))
    assert printed == [
        {"to": "coord-a@example.ru", "items": [
            {"roadmap": roadmap_a.pk, "number": "3", "due_on": "2026-12-06", "stage": "tomorrow"}]},
        {"to": "director-a@example.ru", "items": [
            {"roadmap": roadmap_a.pk, "number": "2.1", "due_on": "2026-11-28", "stage": "overdue"},
            {"roadmap": school_roadmap_a.pk, "number": "1.1", "due_on": "2026-12-05", "stage": "today"},
            {"roadmap": roadmap_a.pk, "number": "1.9", "due_on": "2026-12-12", "stage": "week"},
            {"roadmap": roadmap_a.pk, "number": "1.10", "due_on": "2026-12-12", "stage": "week"}]},
        {"to": "toipkro@example.ru", "items": [
            {"roadmap": roadmap_a.pk, "number": "2.1", "due_on": "2026-11-28", "stage": "overdue"}]},
    ]
    from monitoring.models import Notification, ReminderSent
    assert not ReminderSent.objects.exists() and not Notification.objects.exists()
    assert len(mail_server) == 0


def test_the_command_sends_what_was_not_sent_and_says_how_many(roadmap_a, school_a, director_a,
                                                                 coordinator_a, mail_server):
    approve(roadmap_a)
    measure_due(roadmap_a, DAY, school_a, number="1")
    measure_due(roadmap_a, DAY, number="2")
    assert run("--date", "2026-12-05").strip() == "Отправлено 2 письма: 2 напоминания на 05.12.2026."
    mail_server.wait_for(2)
    assert run("--date", "2026-12-05").strip() == "Отправлено 0 писем: 0 напоминаний на 05.12.2026."
    assert len(mail_server) == 2


def test_the_command_takes_one_district_by_its_address(roadmap_a, roadmap_b, school_a, director_a,
                                                        coordinator_b):
    approve(roadmap_a)
    approve(roadmap_b)
    measure_due(roadmap_a, DAY, school_a, number="1")
    measure_due(roadmap_b, DAY, number="1")
    printed = json.loads(run("--date", "2026-12-05", "--district", "kozhevnikovo", "--dry-run",
                             "--format", "json"))
    assert [p["to"] for p in printed] == ["coord-b@example.ru"]
    with pytest.raises(CommandError, match="Нет муниципалитета с адресом «nowhere»"):
        run("--date", "2026-12-05", "--district", "nowhere", "--dry-run")


@pytest.mark.parametrize("bad", ["05.12.2026", "2026-02-30", "завтра", ""])
def test_a_bad_date_is_refused_in_russian_with_a_nonzero_exit(bad, db):
    with pytest.raises(CommandError, match="Неверная дата") as caught:
        run("--date", bad, "--dry-run")
    assert caught.value.returncode != 0
