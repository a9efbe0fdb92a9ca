"""Writes of the comments on school programmes: a comment on the programme or on one of
its measures, a reply in its thread, and resolving a thread («Снять замечание»).

Who may comment: whoever may see the programme (its director, the district's coordinator,
head and the curators of that school, the region's working group); the caller fetched the
programme through `core.access`. Who may resolve a thread: the author of its first
comment, the district's coordinator and the region's working group. Commenting is open in
every status of the programme. The author's role is the one they hold for this programme
and is kept with the comment (a person may change roles later).
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.text import clean_text

from ..models import Comment, Measure, Roadmap
from ..selectors.comments import may_resolve, role_for_programme

TEXT_MAX = 4000
FIXED_PREFIX = "Исправлено: "

class ThreadResolved(ValidationError):
    """The thread was resolved meanwhile (another tab, another person)."""

    def __init__(self, root: Comment):
        who = root.resolved_by.display_name if root.resolved_by else "другой пользователь"
        super().__init__(f"Замечание уже снято ({who}).", code="resolved")
        self.root = root


def clean_comment_text(text: str) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError({"text": "Напишите текст комментария."})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": f"Комментарий не длиннее {TEXT_MAX} символов "
                                       f"(сейчас {len(text)}). Сократите его или разделите на два."})
    return text


def _role_or_refuse(user, roadmap: Roadmap) -> str:
    if roadmap.school_id is None:
        raise ValidationError("Комментарии есть только у программ школ.")
    role = role_for_programme(user, roadmap)
    if role is None:
        raise PermissionDenied("Комментировать эту программу могут только её участники.")
    return role


@transaction.atomic
def comment_create(*, roadmap: Roadmap, acting_user, text: str,
                   measure: Measure | None = None) -> Comment:
    """A new thread on the programme, or on one of its measures."""
    role = _role_or_refuse(acting_user, roadmap)
    if measure is not None and (measure.roadmap_id != roadmap.pk
                                or measure.district_id != roadmap.district_id):
        raise ValidationError("Мероприятие не из этой программы.")
    comment = Comment(district_id=roadmap.district_id, roadmap=roadmap, measure=measure,
                      author=acting_user, author_role=role, text=clean_comment_text(text))
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_reply(*, parent: Comment, acting_user, text: str, fixed: bool = False) -> Comment:
    """A reply in the thread of `parent` (a reply to a reply joins the same thread).
    `fixed`: the director answers «Исправлено: …». A resolved thread takes no replies."""
    roadmap = parent.roadmap
    role = _role_or_refuse(acting_user, roadmap)
    root_id = parent.parent_id or parent.pk
    root = (Comment.objects.select_for_update(of=("self",)).select_related("resolved_by")
            .get(pk=root_id, district_id=roadmap.district_id, roadmap_id=roadmap.pk))
    if root.resolved_at is not None:
        raise ThreadResolved(root)
    if fixed:
        typed = clean_text(text or "").strip()
        text = (FIXED_PREFIX + typed) if typed else "Исправлено."
    reply = Comment(district_id=roadmap.district_id, roadmap=roadmap, measure_id=root.measure_id,
                    parent=root, author=acting_user, author_role=role,
                    text=clean_comment_text(text))
    reply.full_clean()
    reply.save()
    return reply


@transaction.atomic
def comment_resolve(*, comment: Comment, acting_user) -> Comment:
    """Resolve the thread of `comment` («Снять замечание»); the thread stays readable.
    A second resolve (another tab) is refused, not applied twice."""
    roadmap = comment.roadmap
    root_id = comment.parent_id or comment.pk
    root = (Comment.objects.select_for_update(of=("self",)).select_related("resolved_by")
            .get(pk=root_id, district_id=roadmap.district_id, roadmap_id=roadmap.pk))
    if not may_resolve(acting_user, roadmap, root):
        raise PermissionDenied("Снять замечание может его автор, муниципальный координатор "
                               "или член региональной рабочей группы.")
    if root.resolved_at is not None:
        raise ThreadResolved(root)
    root.resolved_at = timezone.now()
    root.resolved_by = acting_user
    root.save(update_fields=["resolved_at", "resolved_by"])
    return root


def comments_seed_demo(*, district) -> int:
    """Demo threads on single measures of the district's school programmes (the workflow's
    demo leaves comments on whole programmes): one open, one answered «Исправлено» and
    resolved. A district that has measure comments already is left alone; returns how
    many comments were added."""
    from django.contrib.auth import get_user_model

    if Comment.objects.filter(district=district, measure__isnull=False).exists():
        return 0
    people = {u.email: u for u in get_user_model().objects.filter(
        email__in=["rrg@tomsk.demo", "coordinator@molchanovo.demo", "director@shubino.demo",
                   "director@novoyarkovo.demo"])}
    added = 0
    plan = [
        ("Шубинская", "rrg@tomsk.demo", "Базовое значение показателя не указано: сколько "
         "обучающихся с рисками учебной неуспешности в школе сейчас?", "director@shubino.demo",
         "по итогам I четверти — 18 %, целевое значение 10 % к маю", True),
        ("Новоярковская", "coordinator@molchanovo.demo", "Сроки «ежеквартально» для "
         "маршрутов: укажите, кто и когда подводит итоги за четверть.", None, "", False),
    ]
    for school_word, author, text, replier, answer, resolve in plan:
        measure = (Measure.objects.filter(district=district, roadmap__school__short_name__contains=school_word)
                   .select_related("roadmap").order_by("roadmap_id", "position", "id").first())
        if measure is None or author not in people:
            continue
        root = comment_create(roadmap=measure.roadmap, measure=measure, acting_user=people[author],
                              text=text)
        added += 1
        if replier in people:
            root.roadmap = measure.roadmap
            comment_reply(parent=root, acting_user=people[replier], text=answer, fixed=True)
            added += 1
        if resolve:
            comment_resolve(comment=root, acting_user=people[author])
    return added
