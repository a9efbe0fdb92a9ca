"""The open-comment counts that the programme and the reviewers' queues show."""
from django.utils import timezone

from roadmaps.models import Comment
from roadmaps.selectors.comments import (
    open_comment_counts,
    open_comment_counts_by_measure,
    programme_threads,
)
from schools.models import Role
from tests.factories import MeasureFactory, RoadmapFactory


def _comment(roadmap, author, *, measure=None, parent=None, resolved=False):
    return Comment.objects.create(
        district=roadmap.district, roadmap=roadmap, measure=measure, parent=parent,
        author=author, author_role=Role.REGIONAL, text="Уточните сроки",
        resolved_at=timezone.now() if resolved else None,
    )


def test_it_counts_open_threads_per_roadmap_in_one_query(
        school_roadmap_a, other_school_roadmap_a, regional_member, django_assert_num_queries):
    root = _comment(school_roadmap_a, regional_member)
    _comment(school_roadmap_a, regional_member, parent=root)  # a reply is not a new thread
    _comment(school_roadmap_a, regional_member)
    _comment(school_roadmap_a, regional_member, resolved=True)
    _comment(other_school_roadmap_a, regional_member)
    quiet = RoadmapFactory(district=school_roadmap_a.district)
    with django_assert_num_queries(1):
        counts = open_comment_counts([school_roadmap_a.pk, other_school_roadmap_a.pk, quiet.pk])
    assert counts == {school_roadmap_a.pk: 2, other_school_roadmap_a.pk: 1}


def test_many_roadmaps_still_cost_one_query(district_a, regional_member,
                                            django_assert_num_queries):
    roadmaps = [RoadmapFactory(district=district_a) for _ in range(50)]
    for r in roadmaps:
        _comment(r, regional_member)
    with django_assert_num_queries(1):
        counts = open_comment_counts(r.pk for r in roadmaps)
    assert sum(counts.values()) == 50
    with django_assert_num_queries(0):
        assert open_comment_counts([]) == {}


def test_it_counts_open_threads_per_measure(school_roadmap_a, regional_member):
    m1 = MeasureFactory(roadmap=school_roadmap_a)
    m2 = MeasureFactory(roadmap=school_roadmap_a)
    _comment(school_roadmap_a, regional_member, measure=m1)
    _comment(school_roadmap_a, regional_member, measure=m1)
    _comment(school_roadmap_a, regional_member, measure=m2, resolved=True)
    _comment(school_roadmap_a, regional_member)  # programme-level
    assert open_comment_counts_by_measure(school_roadmap_a) == {m1.pk: 2}


def test_threads_come_with_their_replies(school_roadmap_a, regional_member, director_a,
                                         django_assert_num_queries):
    root = _comment(school_roadmap_a, regional_member)
    _comment(school_roadmap_a, director_a, parent=root)
    with django_assert_num_queries(2):
        threads = programme_threads(school_roadmap_a)
        assert [len(t.replies.all()) for t in threads] == [1]
