"""Progress pages: a school's (or the office's) due dates with their reports, the report
form with its evidence, the review, and evidence downloads (never /media/)."""
from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def my_measures(request, district_slug: str):
    raise Http404


@login_required
def school_measures(request, district_slug: str, school_id: int):
    raise Http404


@login_required
def report_edit(request, district_slug: str, due_date_id: int, school_id: int | None = None):
    raise Http404


@login_required
def report_review(request, district_slug: str, pk: int):
    raise Http404


@login_required
def evidence_download(request, district_slug: str, pk: int):
    raise Http404


@login_required
def evidence_delete(request, district_slug: str, pk: int):
    raise Http404
