from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from schools import access

from .. import selectors


@login_required
def roadmap_detail(request, district_slug: str, pk: int):
    roadmap = access.get_roadmap_for_user(request.user, pk, district__slug=district_slug)
    return render(request, "roadmaps/roadmap_detail.html", {
        "district": roadmap.district,
        "roadmap": roadmap,
        "blocks": selectors.roadmap_table(roadmap),
        "can_edit": access.can(request.user, access.Action.EDIT, roadmap),
    })
