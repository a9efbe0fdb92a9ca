"""Every role × every page and action of the coordinator's lists → the expected status.

302: sent to the login page; 403: own tenant, the role may not; 404: not visible at all;
OK: done. Only the district's coordinator changes organisations, lists, pairs and curators.
"""
import pytest
from django.urls import reverse

ROLES = ["anonymous", "coordinator_a", "curator_a", "head_a", "director_a", "regional_member",
         "coordinator_b"]
OK = "ok"
DISTRICT_READ = [302, OK, OK, OK, 403, OK, 404]
LIST_READ = [302, OK, OK, OK, 404, OK, 404]        # a director does not see the lists at all
OWN_ENTRY_READ = [302, OK, OK, OK, OK, OK, 404]    # …but sees its own school's entry (school page)
DISTRICT_MANAGE = [302, OK, 403, 403, 403, 403, 404]
LIST_MANAGE = [302, OK, 403, 403, 404, 403, 404]
OWN_ENTRY_MANAGE = [302, OK, 403, 403, 403, 403, 404]  # the director sees its entry, may not change it

ORG = {"kind": "school", "short_name": "МКОУ Новая СОШ", "full_name": "Новая школа"}
ACTIONS = {
    "organisations":       ("get", "organization_list", "d", None, DISTRICT_MANAGE),
    "new organisation":    ("get", "organization_new", "d", None, DISTRICT_MANAGE),
    "add organisation":    ("post", "organization_new", "d", ORG, DISTRICT_MANAGE),
    "organisation form":   ("get", "organization_edit", "do", None, DISTRICT_MANAGE),
    "save organisation":   ("post", "organization_edit", "do", {**ORG, "version": "1"},
                            DISTRICT_MANAGE),
    "lists":               ("get", "list_index", "d", None, DISTRICT_READ),
    "new list form":       ("get", "list_new", "d", None, DISTRICT_MANAGE),
    "create list":         ("post", "list_new", "d", {"kind": "red_zone", "year": "2026"},
                            DISTRICT_MANAGE),
    "list page":           ("get", "list_detail", "dl", None, LIST_READ),
    "source document":     ("post", "list_edit", "dl", {"source_document": "приказ"}, LIST_MANAGE),
    "add entry":           ("post", "entry_new", "dl", {"organization": "o2"}, LIST_MANAGE),
    "entry row":           ("get", "entry_row", "de", None, OWN_ENTRY_READ),
    "entry form":          ("get", "entry_edit", "de", None, OWN_ENTRY_MANAGE),
    "save entry":          ("post", "entry_edit", "de", {"reason": "Новое основание"}, OWN_ENTRY_MANAGE),
    "remove entry":        ("post", "entry_remove", "de", {}, OWN_ENTRY_MANAGE),
    "mentor pairs":        ("get", "mentor_pairs", "d", None, DISTRICT_MANAGE),
    "add mentor pair":     ("post", "mentor_pairs", "d", {"year": "2026", "mentor": "o",
                                                          "mentee": "o2"}, DISTRICT_MANAGE),
    "curators":            ("get", "curators", "d", None, DISTRICT_MANAGE),
    "assign curator":      ("post", "curators", "d", {"curator": "c", "schools": "o2"},
                            DISTRICT_MANAGE),
}


@pytest.fixture
def objects(list_entry_a, other_school_a, curator_a):
    return {"d": list_entry_a.district.slug, "o": list_entry_a.organization_id,
            "o2": other_school_a.pk, "l": list_entry_a.school_list_id, "e": list_entry_a.pk,
            "c": curator_a.pk}


def _url(name, args, objects):
    return reverse(name, args=[objects[a] for a in args])


def _data(data, objects):
    return {k: objects.get(v, v) for k, v in (data or {}).items()}


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_each_role_gets_the_expected_status_for_each_action(request, client, objects, action,
                                                            role_index, role):
    method, name, args, data, expected = ACTIONS[action]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = getattr(client, method)(_url(name, args, objects), _data(data, objects),
                                       HTTP_HX_REQUEST="true")
    want = expected[role_index]
    if want == OK:
        assert response.status_code in (200, 302), (role, action, response.status_code)
        if response.status_code == 302:
            assert "/login/" not in response.url
    else:
        assert response.status_code == want, (role, action)


@pytest.mark.django_db
@pytest.mark.parametrize("action", [a for a, v in ACTIONS.items() if "d" != v[2]])
def test_a_coordinator_gets_404_for_district_a_objects_under_another_slug(client_for, coordinator_a,
                                                                          objects, district_b, action):
    method, name, args, data, _ = ACTIONS[action]
    response = getattr(client_for(coordinator_a), method)(
        _url(name, args, {**objects, "d": district_b.slug}), _data(data, objects))
    assert response.status_code == 404, action


@pytest.mark.django_db
def test_coordinator_b_cannot_pull_a_school_of_district_a_into_its_list(client_for, coordinator_b,
                                                                         district_b, school_a):
    from tests.factories import SchoolListFactory

    school_list = SchoolListFactory(district=district_b)
    response = client_for(coordinator_b).post(
        reverse("entry_new", args=[district_b.slug, school_list.pk]), {"organization": school_a.pk},
        HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert not school_list.entries.exists()
