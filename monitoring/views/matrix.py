"""The progress matrix: schools × sections of the municipal roadmap in force, a cell's
reports, and one school's row across sections."""
from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def progress_matrix(request, district_slug: str):
    raise Http404


@login_required
def matrix_cell(request, district_slug: str, school_id: int, section_id: int):
    raise Http404


@login_required
def school_progress(request, district_slug: str, school_id: int):
    raise Http404
