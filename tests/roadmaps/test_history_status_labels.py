"""The journal names a programme's statuses in Russian, as the rest of the page does."""
from django.urls import reverse

from roadmaps.models import Roadmap
from roadmaps.services.workflow import transition_apply


def test_a_submission_reads_as_russian_statuses_in_the_journal(client_for, director_a, school_roadmap_a):
    transition_apply(roadmap=school_roadmap_a, user=director_a, name="submit",
                     expected_status=Roadmap.Status.DRAFT)
    html = client_for(director_a).get(
        reverse("roadmap_history", args=[school_roadmap_a.district.slug, school_roadmap_a.pk])
    ).content.decode()
    assert "черновик" in html and "на рассмотрении муниципалитета" in html
    assert "submitted" not in html.replace('status-submitted', '')
