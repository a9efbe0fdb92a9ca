"""Every role × every page and action of the roadmap editor → the expected status.

302: sent to the login page; 403: own tenant, the role may not; 404: not visible at all;
OK: done (200, or 302 back to the roadmap). Only the district's coordinator edits.
"""
import pytest
from django.urls import reverse

from roadmaps.services.measures import measure_create, measure_delete
from tests.support.world import shared_world, world_fixtures  # noqa: F401  (fixtures)

# Every case only reads the roadmap or changes it inside its own savepoint: the people and
# the roadmap are built once for the module (tests/support/world.py), not once per case.
globals().update(world_fixtures(
    "region", "district_a", "district_b", "school_a", "other_school_a", "body_a", "roadmap_a",
    "school_roadmap_a", "other_school_roadmap_a", "roadmap_b", "coordinator_a", "head_a",
    "curator_a", "director_a", "regional_member", "coordinator_b", "roadmap", "section_one",
    "section_two", "measures"))

ROLES = ["anonymous", "coordinator_a", "curator_a", "head_a", "director_a", "regional_member",
         "coordinator_b"]
OK = "ok"
READ = [302, OK, OK, OK, OK, OK, 404]           # every reader of a municipal roadmap
DISTRICT_READ = [302, OK, OK, OK, 403, OK, 404]  # district pages: not for a school director
EDIT = [302, OK, 403, 403, 403, 403, 404]

# action -> (method, url name, args, data, expected per role)
ACTIONS = {
    "roadmap list":        ("get", "roadmap_list", "d", None, DISTRICT_READ),
    "roadmap page":        ("get", "roadmap_detail", "dr", None, READ),
    "roadmap journal":     ("get", "roadmap_history", "dr", None, READ),
    "measure row":         ("get", "measure_row", "dm", None, READ),
    "measure history":     ("get", "measure_history", "dm", None, READ),
    "new roadmap form":    ("get", "roadmap_new", "d", None, EDIT),
    "create roadmap":      ("post", "roadmap_new", "d", {"title": "Новая", "period_start": "2027-01-01",
                                                         "period_end": "2027-12-31",
                                                         "numbering": "continuous"}, EDIT),
    "settings form":       ("get", "roadmap_settings", "dr", None, EDIT),
    "save settings":       ("post", "roadmap_settings", "dr", {"title": "Новое название",
                                                              "period_start": "2026-01-01",
                                                              "period_end": "2026-12-31",
                                                              "numbering": "hierarchical",
                                                              "version": "1"}, EDIT),
    "copy form":           ("get", "roadmap_copy", "dr", None, EDIT),
    "copy forward":        ("post", "roadmap_copy", "dr", {"title": "Копия"}, EDIT),
    "archive":             ("post", "roadmap_archive", "dr", {"archived": "1"}, EDIT),
    "deadline preview":    ("get", "deadline_preview", "dr", None, EDIT),
    "measure form":        ("get", "measure_edit", "dm", None, EDIT),
    "save measure":        ("post", "measure_edit", "dm", {"text": "Правка", "version": "1"}, EDIT),
    "measure menu":        ("get", "measure_menu", "dm", None, EDIT),
    "new measure form":    ("get", "measure_new", "dr", None, EDIT),
    "add measure":         ("post", "measure_new", "dr", {"text": "Новое мероприятие"}, EDIT),
    "move measure":        ("post", "measure_move", "dm", {"step": "1"}, EDIT),
    "delete measure":      ("post", "measure_delete", "dm", {}, EDIT),
    "restore":             ("post", "record_restore", "drx", {}, EDIT),
    "new section form":    ("get", "section_new", "dr", None, EDIT),
    "add section":         ("post", "section_new", "dr", {"title": "Новый раздел"}, EDIT),
    "section form":        ("get", "section_edit", "ds", None, EDIT),
    "rename section":      ("post", "section_edit", "ds", {"title": "Другое название",
                                                             "version": "1"}, EDIT),
    "section row":         ("get", "section_row", "ds", None, EDIT),
    "section menu":        ("get", "section_menu", "ds", None, EDIT),
    "move section":        ("post", "section_move", "ds", {"step": "1"}, EDIT),
    "delete section":      ("post", "section_delete", "ds", {}, EDIT),
}


@pytest.fixture(scope="module")
def shared_objects(shared_world, django_db_blocker):  # noqa: F811  (the fixture)
    w = shared_world
    with django_db_blocker.unblock():
        extra = measure_create(roadmap=w["roadmap"], acting_user=w["coordinator_a"], text="Лишнее")
        record = measure_delete(measure=extra, acting_user=w["coordinator_a"])
    return {"d": w["roadmap"].district.slug, "r": w["roadmap"].pk, "m": w["measures"][0].pk,
            "s": w["section_one"].pk, "x": record.pk}


@pytest.fixture
def objects(shared_objects, db):
    return shared_objects


def _url(name, args, objects):
    return reverse(name, args=[objects[a] for a in args])


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_each_role_gets_the_expected_status_for_each_action(request, client, objects, action,
                                                            role_index, role):
    method, name, args, data, expected = ACTIONS[action]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = getattr(client, method)(_url(name, args, objects), data or {},
                                       HTTP_HX_REQUEST="true")
    want = expected[role_index]
    if want == OK:
        assert response.status_code in (200, 302), (role, action, response.status_code)
        if response.status_code == 302:
            assert "/login/" not in response.url
    else:
        assert response.status_code == want, (role, action)
        if want == 302:
            assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_coordinator_gets_404_for_district_a_objects_under_another_slug(client_for, coordinator_a,
                                                                          objects, district_b, action):
    """The tenant in the address must be the object's own: no reaching A's rows via B's slug."""
    method, name, args, data, _ = ACTIONS[action]
    if args == "d":
        return  # a district page under its own slug is the whole point
    moved = {**objects, "d": district_b.slug}
    response = getattr(client_for(coordinator_a), method)(_url(name, args, moved), data or {})
    assert response.status_code == 404, action


@pytest.mark.django_db
def test_a_curator_cannot_change_anything_by_posting(client_for, curator_a, objects):
    from roadmaps.models import Measure

    before = list(Measure.objects.order_by("pk").values_list("text", "number", "section_id"))
    client = client_for(curator_a)
    for method, name, args, data, _ in ACTIONS.values():
        if method == "post":
            client.post(_url(name, args, objects), data or {})
    assert list(Measure.objects.order_by("pk").values_list("text", "number", "section_id")) == before


@pytest.mark.django_db
def test_a_journal_record_of_another_roadmap_cannot_be_restored_here(client_for, coordinator_a,
                                                                     objects, roadmap_a):
    url = reverse("record_restore", args=[objects["d"], roadmap_a.pk, objects["x"]])
    assert client_for(coordinator_a).post(url).status_code == 404


@pytest.fixture
def school_measures(school_roadmap_a, other_school_roadmap_a, coordinator_a):
    def add(roadmap):
        return measure_create(roadmap=roadmap, acting_user=coordinator_a,
                                      text="Мероприятие школьной программы", deadline_text="Май 2026")

    return {"own": add(school_roadmap_a), "other": add(other_school_roadmap_a)}


SCHOOL_ROADMAP = {
    # role: (own school's roadmap: read, edit), (another school's roadmap: read, edit)
    "director_a": ((200, 200), (404, 404)),
    "curator_a": ((200, 403), (404, 404)),
    "head_a": ((200, 403), (200, 403)),
    "coordinator_a": ((200, 200), (200, 200)),
    "coordinator_b": ((404, 404), (404, 404)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(SCHOOL_ROADMAP))
def test_a_school_roadmap_is_edited_by_its_director_and_hidden_from_other_schools(
    request, client, school_measures, role
):
    """A director writes their school's roadmap and cannot see another school's."""
    client.force_login(request.getfixturevalue(role))
    for which, (read, edit) in zip(("own", "other"), SCHOOL_ROADMAP[role], strict=True):
        m = school_measures[which]
        slug = m.district.slug
        assert client.get(reverse("measure_history", args=[slug, m.pk])).status_code == read, which
        assert client.get(reverse("measure_edit", args=[slug, m.pk]),
                          HTTP_HX_REQUEST="true").status_code == edit, which
