"""Order services: draft, edit, render, signed scan; every write is audited."""
import os

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditRecord
from roadmaps.models import Order, Roadmap
from roadmaps.services import orders
from roadmaps.tasks import render_order
from tests.support.scans import PNG_SCAN, scan

pytestmark = pytest.mark.django_db


def test_a_draft_takes_the_template_wording_and_is_audited(order_a, coordinator_a):
    record = AuditRecord.objects.get(target_type="order", target_id=order_a.pk)

    assert order_a.title.startswith("Об утверждении")
    assert order_a.points[0]["text"].startswith("Утвердить")
    assert order_a.points[-1]["text"].startswith("Контроль")
    assert order_a.created_by == coordinator_a
    assert (record.action, record.actor) == (AuditRecord.Action.CREATE, coordinator_a)


def test_a_school_roadmap_gets_no_district_order(school_roadmap_a, coordinator_a):
    with pytest.raises(ValidationError, match="муниципальной"):
        orders.order_create_draft(roadmap=school_roadmap_a, acting_user=coordinator_a)


def test_an_update_saves_the_changed_fields_and_marks_the_files_outdated(order_a, coordinator_a):
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.DONE)
    order_a.refresh_from_db()
    orders.order_update(order=order_a, acting_user=coordinator_a, expected_version=order_a.version, number="59/0103",
                        points=[{"text": "Один пункт.", "subpoints": ["а", "б"]}])
    order_a.refresh_from_db()
    record = AuditRecord.objects.filter(target_type="order", action="update").get()

    assert (order_a.number, order_a.render_state) == ("59/0103", Order.RenderState.IDLE)
    assert order_a.points == [{"text": "Один пункт.", "subpoints": ["а", "б"]}]
    assert (record.before["number"], record.after["number"]) == ("143/1", "59/0103")


def test_an_update_rejects_unknown_fields_and_malformed_points(order_a, coordinator_a):
    with pytest.raises(TypeError):
        orders.order_update(order=order_a, acting_user=coordinator_a, expected_version=order_a.version, status="signed")
    with pytest.raises(ValidationError):
        orders.order_update(order=order_a, acting_user=coordinator_a, expected_version=order_a.version, points="1. Текст")


def test_a_render_request_queues_once_and_runs_the_job_after_commit(
        order_a, coordinator_a, eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert orders.order_request_render(order=order_a, acting_user=coordinator_a) == orders.RenderRequest.QUEUED
        assert orders.order_request_render(order=order_a, acting_user=coordinator_a) == orders.RenderRequest.BUSY
    order_a.refresh_from_db()

    assert [c.func.__name__ for c in callbacks] == ["queue_render"]
    assert (order_a.render_state, order_a.render_progress) == (Order.RenderState.DONE, 100)
    assert order_a.pdf.read(5) == b"%PDF-"
    assert order_a.docx.read(2) == b"PK"
    assert order_a.rendered_at is not None


def test_the_job_runs_only_when_it_claims_a_queued_order(order_a):
    assert render_order.apply(args=[order_a.pk, None]).get() == "skipped"
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.RUNNING)
    assert render_order.apply(args=[order_a.pk, None]).get() == "skipped"


def test_a_failed_render_is_reported_on_the_order(order_a, coordinator_a, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.QUEUED)

    assert render_order.apply(args=[order_a.pk, coordinator_a.pk]).get() == "failed"
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.FAILED
    assert order_a.render_error.startswith("Не удалось сформировать файлы")


def test_a_rerender_replaces_the_old_files(order_a, coordinator_a, django_capture_on_commit_callbacks):
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.RUNNING)
    with django_capture_on_commit_callbacks(execute=True):
        first = orders.order_render(order=order_a, acting_user=coordinator_a)
    old = first.pdf.path
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.RUNNING)
    with django_capture_on_commit_callbacks(execute=True):
        second = orders.order_render(order=order_a, acting_user=coordinator_a)

    assert second.pdf.storage.exists(second.pdf.name)
    assert old == second.pdf.path or not os.path.exists(old)


def _sign(order, user, upload=None):
    """Upload the scan, then confirm it as the person who saw its first page would."""
    pending = orders.order_upload_signed_scan(order=order, upload=upload or scan(),
                                              acting_user=user)
    return orders.order_confirm_signed_scan(order=order, acting_user=user,
                                            pending_name=pending.pending_scan.name)


def test_a_signed_scan_signs_the_order_and_approves_the_roadmap(order_a, coordinator_a):
    _sign(order_a, coordinator_a)
    order_a.refresh_from_db()
    roadmap = Roadmap.objects.get(pk=order_a.roadmap_id)

    assert order_a.status == Order.Status.SIGNED and order_a.signed_at
    assert order_a.signed_scan.name.endswith(".pdf")
    assert (roadmap.approved_by_id, roadmap.status) == (order_a.pk, Roadmap.Status.APPROVED)
    assert AuditRecord.objects.filter(target_type="roadmap", target_id=roadmap.pk,
                                      action="status").exists()
    with pytest.raises(ValidationError, match="подписан"):
        orders.order_update(order=order_a, acting_user=coordinator_a, expected_version=order_a.version, number="1")
    with pytest.raises(ValidationError, match="подписан"):  # the signed files stay as signed
        orders.order_request_render(order=order_a, acting_user=coordinator_a)


def test_an_image_scan_is_accepted_by_its_magic_bytes(order_a, coordinator_a):
    upload = scan(PNG_SCAN, name="scan.pdf")  # the name lies; the bytes decide
    _sign(order_a, coordinator_a, upload)
    order_a.refresh_from_db()
    assert order_a.signed_scan.name.endswith(".png")


@pytest.mark.parametrize("content, message", [
    (b"MZ\x90\x00 not a scan", "не скан приказа"),
    (b"<html><script>", "не скан приказа"),
])
def test_anything_else_is_refused_with_a_russian_message(order_a, coordinator_a, content, message):
    with pytest.raises(ValidationError, match=message):
        orders.order_upload_signed_scan(order=order_a, upload=scan(content, "x.pdf"),
                                        acting_user=coordinator_a)
    order_a.refresh_from_db()
    assert order_a.status == Order.Status.DRAFT


def test_a_scan_over_20_mb_is_refused(order_a, coordinator_a):
    big = scan(b"%PDF-" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError, match="20 МБ"):
        orders.order_upload_signed_scan(order=order_a, upload=big, acting_user=coordinator_a)


def test_a_scan_needs_the_number_and_date_of_the_signed_order(filled_roadmap_a, coordinator_a):
    order = orders.order_create_draft(roadmap=filled_roadmap_a, acting_user=coordinator_a)
    with pytest.raises(ValidationError, match="номер и дату"):
        orders.order_upload_signed_scan(order=order, upload=scan(), acting_user=coordinator_a)


def test_text_edited_while_the_job_runs_leaves_the_files_marked_outdated(order_a, coordinator_a):
    Order.objects.filter(pk=order_a.pk).update(render_state=Order.RenderState.RUNNING)
    started = Order.objects.get(pk=order_a.pk)  # what the job loaded when it claimed the work
    orders.order_update(order=Order.objects.get(pk=order_a.pk), acting_user=coordinator_a,
                        expected_version=order_a.version,
                        title="Об утверждении исправленной дорожной карты")
    done = orders.order_render(order=started, acting_user=coordinator_a)
    assert done.pdf.name and done.render_state == Order.RenderState.IDLE


def test_an_unchanged_order_is_not_rendered_again(order_a, coordinator_a, eager,
                                                  django_capture_on_commit_callbacks):
    """A second request for files that already print the current text gets them at once;
    a changed word of the roadmap (not only of the order) renders them again."""
    from roadmaps.models import Measure
    from roadmaps.services.measures import measure_update

    with django_capture_on_commit_callbacks(execute=True):
        assert orders.order_request_render(order=order_a, acting_user=coordinator_a) \
            == orders.RenderRequest.QUEUED
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.DONE and order_a.rendered_revision
    rendered = (order_a.pdf.name, order_a.rendered_at)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert orders.order_request_render(order=order_a, acting_user=coordinator_a) \
            == orders.RenderRequest.CURRENT
    assert callbacks == []
    order_a.refresh_from_db()
    assert (order_a.pdf.name, order_a.rendered_at) == rendered

    measure = Measure.objects.filter(roadmap=order_a.roadmap).order_by("position").first()
    measure_update(measure=measure, expected_version=measure.version, acting_user=coordinator_a,
                   text="Другой текст мероприятия", deadline_text=measure.deadline_text)
    with django_capture_on_commit_callbacks(execute=True):
        assert orders.order_request_render(order=order_a, acting_user=coordinator_a) \
            == orders.RenderRequest.QUEUED
    order_a.refresh_from_db()
    assert order_a.rendered_at > rendered[1]
