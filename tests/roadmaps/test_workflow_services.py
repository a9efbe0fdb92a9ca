"""The programme's cycle as a service: transitions, submissions, stale actions, the PDF."""
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.access import Action, can, forget_grants
from core.models import AuditRecord
from roadmaps.models import Roadmap, Submission, Transition
from roadmaps.services import workflow
from roadmaps.services.measures import measure_create, measure_update
from roadmaps.services.sections import section_create
from roadmaps.tasks import render_submission

S = Roadmap.Status


@pytest.fixture
def programme(school_roadmap_a, coordinator_a):
    section = section_create(roadmap=school_roadmap_a, title="Низкая учебная мотивация обучающихся",
                             acting_user=coordinator_a)
    measure_create(roadmap=school_roadmap_a, acting_user=coordinator_a, section=section,
                   text="Диагностика мотивации обучающихся 5–9 классов",
                   deadline_text="Сентябрь 2026", responsible_text="Заместитель директора по УВР",
                   result="Аналитическая справка", output_form="Справка",
                   indicators={"indicator_name": "Доля обучающихся с низкой мотивацией",
                               "indicator_unit": "%", "indicator_base": "35",
                               "indicator_target": "20"})
    return school_roadmap_a


def take(roadmap, user, name, comment=""):
    roadmap.refresh_from_db()
    return workflow.transition_apply(roadmap=roadmap, user=user, name=name, comment=comment,
                                     expected_status=roadmap.status)


def test_submitting_freezes_the_content_and_writes_the_step(programme, director_a):
    row = take(programme, director_a, "submit")
    programme.refresh_from_db()
    assert programme.status == S.SUBMITTED
    assert (row.from_status, row.to_status, row.actor, row.actor_role) == (
        S.DRAFT, S.SUBMITTED, director_a, "director")
    sub = row.submission
    assert sub.number == 1 and sub.render_state == Submission.RenderState.QUEUED
    (m,) = sub.content["measures"]
    assert m["text"] == "Диагностика мотивации обучающихся 5–9 классов"
    assert m["deadline_text"] == "Сентябрь 2026"
    assert m["indicator_target"] == "20"
    assert sub.content["sections"][0]["title"] == "Низкая учебная мотивация обучающихся"
    audit = AuditRecord.objects.filter(target_type="roadmap", target_id=programme.pk,
                                       action=AuditRecord.Action.STATUS).get()
    assert audit.before == {"status": "draft"} and audit.after["transition"] == "submit"


def test_the_frozen_content_does_not_follow_later_edits(programme, director_a, coordinator_a):
    sub = take(programme, director_a, "submit").submission
    take(programme, coordinator_a, "return_municipal", "Уточните сроки")
    measure = programme.measures.get()
    measure_update(measure=measure, acting_user=director_a, text="Новая формулировка",
                   expected_version=measure.version)
    sub.refresh_from_db()
    assert sub.content["measures"][0]["text"] == "Диагностика мотивации обучающихся 5–9 классов"
    second = take(programme, director_a, "submit").submission
    assert second.number == 2
    assert second.content["measures"][0]["text"] == "Новая формулировка"


def test_the_whole_cycle_with_a_return_from_the_region(programme, director_a, coordinator_a,
                                                       head_a, regional_member):
    take(programme, director_a, "submit")
    take(programme, coordinator_a, "forward")
    take(programme, regional_member, "return_regional", "Добавьте показатели")
    take(programme, director_a, "submit")
    take(programme, head_a, "forward")
    take(programme, regional_member, "agree")
    take(programme, head_a, "approve")
    programme.refresh_from_db()
    assert programme.status == S.APPROVED
    steps = list(Transition.objects.filter(roadmap=programme).values_list("to_status", flat=True))
    assert steps == [S.SUBMITTED, S.UNDER_REGIONAL_REVIEW, S.RETURNED, S.SUBMITTED,
                     S.UNDER_REGIONAL_REVIEW, S.AGREED, S.APPROVED]
    approve = Transition.objects.filter(roadmap=programme).last()
    assert approve.submission.number == 2 and approve.actor_role == "head"
    take(programme, director_a, "amend")
    programme.refresh_from_db()
    assert programme.status == S.DRAFT


def test_a_return_needs_a_comment(programme, director_a, coordinator_a):
    take(programme, director_a, "submit")
    with pytest.raises(ValidationError) as err:
        take(programme, coordinator_a, "return_municipal", "   ")
    assert "комментари" in str(err.value)
    programme.refresh_from_db()
    assert programme.status == S.SUBMITTED


def test_a_stale_action_is_refused_with_the_current_status_who_and_when(
        programme, director_a, coordinator_a):
    take(programme, director_a, "submit")
    with pytest.raises(workflow.StaleTransition) as err:
        workflow.transition_apply(roadmap=programme, user=director_a, name="submit",
                                  expected_status=S.DRAFT)
    text = err.value.messages[0]
    assert "Программа уже в статусе «на рассмотрении муниципалитета»" in text
    assert director_a.display_name in text and "Обновите страницу" in text
    assert Submission.objects.filter(roadmap=programme).count() == 1
    assert Transition.objects.filter(roadmap=programme).count() == 1


def test_a_second_tab_with_the_same_status_but_an_older_step_is_stale(
        programme, director_a, coordinator_a):
    first = take(programme, director_a, "submit")
    take(programme, coordinator_a, "return_municipal", "Доработайте")
    take(programme, director_a, "submit")
    with pytest.raises(workflow.StaleTransition):
        workflow.transition_apply(roadmap=programme, user=coordinator_a, name="forward",
                                  expected_status=S.SUBMITTED, expected_transition_id=first.pk)
    programme.refresh_from_db()
    assert programme.status == S.SUBMITTED


def test_a_role_that_may_not_take_the_step_is_refused(programme, director_a, curator_a,
                                                      coordinator_a):
    with pytest.raises(PermissionDenied):
        take(programme, curator_a, "submit")
    with pytest.raises(PermissionDenied):  # directors submit, not the coordinator for them
        take(programme, coordinator_a, "submit")
    with pytest.raises(ValidationError):
        take(programme, director_a, "agree")


def test_a_municipal_roadmap_has_no_cycle(roadmap_a, coordinator_a):
    assert workflow.allowed_transitions(coordinator_a, roadmap_a) == []
    with pytest.raises(ValidationError):
        workflow.transition_apply(roadmap=roadmap_a, user=coordinator_a, name="forward",
                                  expected_status=S.DRAFT)


@pytest.mark.parametrize("status,editable", [
    (S.DRAFT, True), (S.RETURNED, True), (S.SUBMITTED, False), (S.UNDER_REGIONAL_REVIEW, False),
    (S.AGREED, False), (S.APPROVED, False)])
def test_the_content_is_locked_while_under_review_and_approved(
        programme, director_a, coordinator_a, status, editable):
    Roadmap.objects.filter(pk=programme.pk).update(status=status)
    programme.refresh_from_db()
    for person in (director_a, coordinator_a):
        forget_grants(person)
        assert can(person, Action.EDIT, programme) is editable
        assert can(person, Action.EDIT, programme.measures.get()) is editable


def test_the_task_renders_a_dated_pdf_with_the_version(programme, director_a, coordinator_a,
                                                       tmp_path, artifacts_dir):
    first = take(programme, director_a, "submit").submission
    assert render_submission(first.pk) == "done"
    assert render_submission(first.pk) == "skipped"  # delivered twice: rendered once
    take(programme, coordinator_a, "return_municipal", "Доработайте")
    measure = programme.measures.get()
    measure_update(measure=measure, acting_user=director_a, text="Диагностика мотивации (обновлено)",
                   deadline_text="Октябрь 2026", responsible_text=measure.responsible_text,
                   result=measure.result, output_form=measure.output_form,
                   indicators={"indicator_name": measure.indicator_name, "indicator_unit": "%",
                               "indicator_base": "35", "indicator_target": "15"},
                   expected_version=measure.version)
    second = take(programme, director_a, "submit").submission
    assert render_submission(second.pk) == "done"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.render_state == second.render_state == Submission.RenderState.DONE
    one, two = first.pdf.read(), second.pdf.read()
    assert one.startswith(b"%PDF") and one != two
    texts = []
    for sub, data in ((first, one), (second, two)):
        path = tmp_path / f"v{sub.number}.pdf"
        path.write_bytes(data)
        texts.append(subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                    capture_output=True, text=True).stdout)
    day = first.submitted_at.astimezone(programme.district.region.zone).strftime("%d.%m.%Y")
    assert f"Подана {day}, версия № 1" in texts[0]
    assert "версия № 2" in texts[1]
    assert "МКОУ Кармаклинская СОШ" in texts[0] and "Программа Кармаклинской СОШ" in texts[0]
    assert "(обновлено)" in texts[1] and "(обновлено)" not in texts[0]
    assert "Сентябрь 2026" in texts[0] and "Октябрь 2026" in texts[1]
    assert "Целевой показатель" in texts[0]
    # the first page as a picture, to look at (var/test-artifacts/programme-submission-*.png)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(tmp_path / "v2.pdf"),
                    str(artifacts_dir / "programme-submission")], check=True)


def test_a_failed_render_is_shown_and_may_be_retried_once(programme, director_a,
                                                         django_capture_on_commit_callbacks):
    sub = take(programme, director_a, "submit").submission
    workflow.submission_render_failed(submission_id=sub.pk, error="Не удалось: шрифт")
    sub.refresh_from_db()
    assert sub.render_state == Submission.RenderState.FAILED
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert workflow.submission_render_retry(submission=sub, acting_user=director_a)
        assert not workflow.submission_render_retry(submission=sub, acting_user=director_a)
    assert len(callbacks) == 1
    sub.refresh_from_db()
    assert sub.render_state == Submission.RenderState.QUEUED
    assert render_submission(sub.pk) == "done"


def test_a_pdf_queued_long_ago_and_never_started_may_be_sent_again(programme, director_a,
                                                                   client_for):
    from datetime import timedelta

    from django.urls import reverse
    sub = take(programme, director_a, "submit").submission
    assert not workflow.submission_is_stuck(sub)
    assert not workflow.submission_render_retry(submission=sub, acting_user=director_a)
    timeline = reverse("programme_timeline", args=[programme.district.slug, programme.pk])
    assert "Поставить в очередь ещё раз" not in client_for(director_a).get(timeline).content.decode()
    Submission.objects.filter(pk=sub.pk).update(
        submitted_at=sub.submitted_at - workflow.STUCK_AFTER - timedelta(minutes=1))
    sub.refresh_from_db()
    assert workflow.submission_is_stuck(sub)
    assert "Поставить в очередь ещё раз" in client_for(director_a).get(timeline).content.decode()
    assert workflow.submission_render_retry(submission=sub, acting_user=director_a)
    assert render_submission(sub.pk) == "done"
    assert render_submission(sub.pk) == "skipped"
