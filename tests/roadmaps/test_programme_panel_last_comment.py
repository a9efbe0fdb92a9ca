"""The programme's panel shows the last step's comment: a director whose programme came
back sees what to fix on the programme's page (it was only on the timeline)."""
import pytest
from django.urls import reverse

from roadmaps.models import Roadmap
from roadmaps.services import workflow

pytestmark = pytest.mark.django_db


def page_of(client_for, user, roadmap):
    return client_for(user).get(reverse("roadmap_detail", args=[roadmap.district.slug,
                                                                 roadmap.pk])).content.decode()


def test_a_returned_programme_shows_what_to_fix_in_its_panel(client_for, school_roadmap_a,
                                                             director_a, coordinator_a):
    workflow.transition_apply(roadmap=school_roadmap_a, user=director_a, name="submit",
                              expected_status=Roadmap.Status.DRAFT)
    page = page_of(client_for, director_a, school_roadmap_a)
    assert "programme-last-comment" not in page  # a step without a comment shows none

    workflow.transition_apply(roadmap=school_roadmap_a, user=coordinator_a,
                              name="return_municipal", expected_status=Roadmap.Status.SUBMITTED,
                              comment="Добавьте целевые показатели ко второму разделу")
    page = page_of(client_for, director_a, school_roadmap_a)
    block = page[page.index('class="programme-last-comment"'):]
    block = block[:block.index("</div>")]
    assert "Что доработать" in block
    assert f"({coordinator_a.display_name})" in block
    assert "Добавьте целевые показатели ко второму разделу" in block


def test_an_agreed_programme_is_said_to_wait_for_approval_not_to_be_under_review(
        client_for, school_roadmap_a, director_a, coordinator_a, regional_member):
    for user, name, status in ((director_a, "submit", Roadmap.Status.DRAFT),
                               (coordinator_a, "forward", Roadmap.Status.SUBMITTED),
                               (regional_member, "agree", Roadmap.Status.UNDER_REGIONAL_REVIEW)):
        workflow.transition_apply(roadmap=school_roadmap_a, user=user, name=name,
                                  expected_status=status)
    page = page_of(client_for, coordinator_a, school_roadmap_a)
    assert "ждёт утверждения муниципалитетом" in page
    assert "Пока программа на рассмотрении" not in page
