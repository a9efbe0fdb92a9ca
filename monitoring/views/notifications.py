"""The bell (unread count, loaded by htmx after the page so no page pays a query for it)
and the person's notifications page (newest first, keyset pages; shown = read)."""
from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.access import scope

from ..models import Notification
from ..services.notifications import notifications_mark_all_read, notifications_mark_read

PAGE_SIZE = 20


def _cursor(n: Notification) -> str:
    return f"{int(n.created_at.timestamp() * 1_000_000)}-{n.pk}"


def _parse_cursor(text: str | None):
    if not text:
        return None
    try:
        micros, pk = text.split("-", 1)
        moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
        return moment, int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def own_notifications(user):
    return scope(Notification.objects.filter(user=user), user)


@login_required
def notification_bell(request):
    unread = own_notifications(request.user).filter(read_at__isnull=True).count()
    return render(request, "monitoring/bell_count.html", {"unread": unread})


@login_required
def notification_list(request):
    after = _parse_cursor(request.GET.get("after"))
    rows = own_notifications(request.user).select_related("district__region")
    if after is not None:
        moment, pk = after
        rows = rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    page = list(rows.order_by("-created_at", "-id")[:PAGE_SIZE + 1])
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    unread_ids = [n.pk for n in page if n.read_at is None]
    for n in page:
        n.is_new = n.read_at is None
        n.zone = n.district or settings.TIME_ZONE  # the district's local time
    notifications_mark_read(user=request.user, ids=unread_ids)
    context = {"notifications": page, "next_cursor": _cursor(page[-1]) if more else None,
               "first_page": after is None}
    if request.htmx and after is not None:
        return render(request, "monitoring/notification_list_page.html", context)
    return render(request, "monitoring/notification_list.html", context)


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = own_notifications(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404("Нет такого уведомления.")
    notifications_mark_read(user=request.user, ids=[notification.pk])
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notification_list")


@login_required
@require_POST
def notification_read_all(request):
    notifications_mark_all_read(user=request.user)
    return redirect("notification_list")
