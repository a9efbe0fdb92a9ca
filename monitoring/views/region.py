"""The regional working group's monitoring page: for each district of its region, the
completion and overdue figures of its roadmaps in force and the rounds it held, as a
table and a chart (core.charts)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.charts import stacked_bar_svg
from schools import access

from ..selectors.overdue import district_figures
from ..selectors.rounds import round_counts

SERIES = [("Выполнено", "#2e7d32"), ("Просрочено", "#c62828"),
          ("Срок сегодня, ещё не отмечено", "#9aa5b1")]


@login_required
def region_monitoring(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)
    today = timezone.now().astimezone(region.zone).date()
    districts = list(region.districts.order_by("name"))
    figures = district_figures(districts, today)
    counts = round_counts([d.id for d in districts])
    rows = []
    for d in districts:
        f = figures[d.id]
        f.rounds, f.rounds_closed = counts[d.id]
        rows.append(f)
    chart = stacked_bar_svg(
        [(f.district.name, [f.done, f.overdue, max(f.due - f.done - f.overdue, 0)]) for f in rows],
        SERIES, title="Исполнение мероприятий по муниципалитетам", width=900)
    total_due = sum(f.due for f in rows)
    total_done = sum(f.done for f in rows)
    return render(request, "monitoring/region_monitoring.html", {
        "region": region, "rows": rows, "today": today, "chart": mark_safe(chart),
        "total": {"due": total_due, "done": total_done,
                  "percent": round(100 * total_done / total_due) if total_due else None,
                  "overdue": sum(f.overdue for f in rows),
                  "rounds": sum(f.rounds for f in rows)},
    })
