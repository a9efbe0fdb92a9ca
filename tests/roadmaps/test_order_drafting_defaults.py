"""Who signs a drafted order and how point 2 names the coordinator.

The head of the district (the person holding the «head» role) signs, under the office's
position; the coordinator stands in the accusative after «Назначить …», as the seed orders
write a person the order acts upon.
"""
import pytest
from django.urls import reverse

from roadmaps.documents import drafting, names
from roadmaps.documents.build import draft_order
from roadmaps.documents.names import NBSP, FullName
from schools.models import District, Role
from schools.services.memberships import membership_grant
from tests.factories import RoadmapFactory, UserFactory

APPOINT = "Назначить муниципальным координатором реализации дорожной карты "


# --- names: pure functions ---------------------------------------------------------------

@pytest.mark.parametrize("name,signature", [
    (FullName("Бурлуцкая", "Ольга", "Юрьевна"), "О.Ю. Бурлуцкая"),
    (FullName("Аксёнов", "Сергей"), "С. Аксёнов"),
    (FullName("Губина", "С.", "А."), "С.А. Губина"),
    (FullName("", "Сергей"), ""),
])
def test_the_signature_writes_initials_then_the_surname(name, signature):
    assert names.signature_name(name) == signature


@pytest.mark.parametrize("last,first,middle,accusative", [
    # women: -ова/-ина/-ева → -у, -ая → -ую, consonants and -о stay
    ("Губина", "Светлана", "Александровна", "Губину"),
    ("Лысова", "Мария", "", "Лысову"),
    ("Бурлуцкая", "Ольга", "Юрьевна", "Бурлуцкую"),
    ("Штерцер", "Анна", "Петровна", "Штерцер"),
    ("Карпенко", "Светлана", "Викторовна", "Карпенко"),
    ("Черных", "Нина", "", "Черных"),
    ("Зозуля", "Анна", "", "Зозулю"),
    # men: -ов/-ин and consonants → +а, -ский/-цкий → -ого, -ой → -ого, -ь/-й → -я
    ("Аксёнов", "Сергей", "Петрович", "Аксёнова"),
    ("Хромов", "Борис", "Николаевич", "Хромова"),
    ("Штерцер", "Андрей", "Павлович", "Штерцера"),
    ("Бурлуцкий", "Олег", "", "Бурлуцкого"),
    ("Горький", "Максим", "", "Горького"),
    ("Толстой", "Лев", "Николаевич", "Толстого"),
    ("Коваль", "Игорь", "", "Коваля"),
    ("Гайдай", "Леонид", "Иович", "Гайдая"),
    ("Карпенко", "Сергей", "Викторович", "Карпенко"),
    ("Сковорода", "Никита", "", "Сковороду"),
    ("Петров-Водкин", "Кузьма", "Сергеевич", "Петрова-Водкина"),
])
def test_surnames_go_into_the_accusative(last, first, middle, accusative):
    name = FullName(last, first, middle)
    assert names.accusative_with_initials(name).split(NBSP)[0] == accusative


def test_the_gender_comes_from_the_patronymic_then_the_first_name_then_the_surname():
    assert names.gender(FullName("Шевчук", "Саша", "Ивановна")) == names.FEMALE
    assert names.gender(FullName("Шевчук", "Никита")) == names.MALE
    assert names.gender(FullName("Шевчук", "Любовь")) == names.FEMALE
    assert names.gender(FullName("Иванова", "М.", "П.")) == names.FEMALE
    assert names.gender(FullName("Шевчук", "М.", "П.")) is None


def test_a_surname_whose_form_depends_on_an_unknown_gender_is_not_guessed():
    assert names.accusative_with_initials(FullName("Шевчук", "М.", "П.")) is None
    assert names.accusative_with_initials(FullName("Карпенко", "М.", "П.")) == f"Карпенко{NBSP}М.П."


def test_shown_names_are_read_back_into_their_parts():
    assert names.parse_name("Губина С. А.") == FullName("Губина", "С.", "А.")
    assert names.parse_name("О.Ю. Бурлуцкая") == FullName("Бурлуцкая", "О.", "Ю.")
    assert names.parse_name("Губина Светлана Александровна") == \
        FullName("Губина", "Светлана", "Александровна")
    assert names.parse_name("") is None


# --- point 2 -----------------------------------------------------------------------------

def _person(last, first, middle="", position=""):
    return drafting.Person(name=f"{last} {first[0]}.", position=position, last_name=last,
                           first_name=first, middle_name=middle)


def test_one_coordinator_is_appointed_in_the_accusative_with_the_position_in_brackets():
    point = drafting.coordinator_point([
        _person("Губина", "Светлана", "Александровна", "главный специалист Управления образования")])

    assert point == f"{APPOINT}Губину{NBSP}С.А. (главный специалист Управления образования)."


def test_several_coordinators_are_appointed_together():
    point = drafting.coordinator_point([
        _person("Губина", "Светлана", "Александровна", "главный специалист"),
        _person("Котов", "Олег", "Викторович", "методист МКУ ЦИМО"),
        _person("Лысова", "Мария")])

    assert point == ("Назначить муниципальными координаторами реализации дорожной карты "
                     f"Губину{NBSP}С.А. (главный специалист), Котова{NBSP}О.В. (методист МКУ "
                     f"ЦИМО) и Лысову{NBSP}М.")


def test_a_name_that_does_not_decline_with_certainty_stands_in_the_nominative_after_a_dash():
    point = drafting.coordinator_point([drafting.Person("Шевчук М. П.", "методист")])

    assert point == "Муниципальный координатор реализации дорожной карты — Шевчук М. П. (методист)."


def test_without_a_coordinator_the_name_is_left_blank():
    assert drafting.coordinator_point([]) == f"{APPOINT}{drafting.BLANK_NAME}."


# --- the drafted order -------------------------------------------------------------------

@pytest.fixture
def office(district_a):
    """The demo's mistake: the district's head_name requisite holds the coordinator's name."""
    District.objects.filter(pk=district_a.pk).update(
        head_position="Начальник Управления образования", head_name="С. А. Губина")
    district_a.refresh_from_db()
    coordinator = UserFactory(email="gubina@example.ru", last_name="Губина",
                              first_name="Светлана", middle_name="Александровна",
                              position="главный специалист Управления образования")
    membership_grant(user=coordinator, role=Role.COORDINATOR, district=district_a)
    return district_a


def _head(district, **names_):
    user = UserFactory(email="head@example.ru", **names_)
    membership_grant(user=user, role=Role.HEAD, district=district)
    return user


def test_the_head_signs_the_drafted_order_not_the_coordinator(office):
    _head(office, last_name="Аксёнов", first_name="Сергей", middle_name="Петрович",
          position="начальник")
    order = draft_order(RoadmapFactory(district=office))

    assert (order.signatory_position, order.signatory_name) == \
        ("Начальник Управления образования", "С.П. Аксёнов")
    assert order.points[1]["text"] == \
        f"{APPOINT}Губину{NBSP}С.А. (главный специалист Управления образования)."


def test_without_a_head_the_name_is_left_for_the_coordinator_and_the_position_stays(office):
    order = draft_order(RoadmapFactory(district=office))

    assert order.signatory_position == "Начальник Управления образования"
    assert order.signatory_name == ""


def test_without_the_offices_position_the_heads_own_is_used(district_a):
    _head(district_a, last_name="Аксёнов", first_name="Сергей", position="начальник отдела образования")
    order = draft_order(RoadmapFactory(district=district_a))

    assert (order.signatory_position, order.signatory_name) == \
        ("Начальник отдела образования", "С. Аксёнов")


def test_a_coordinator_without_a_name_is_not_printed_as_an_e_mail(district_a):
    unnamed = UserFactory(email="nobody@example.ru", last_name="", first_name="")
    membership_grant(user=unnamed, role=Role.COORDINATOR, district=district_a)
    order = draft_order(RoadmapFactory(district=district_a))

    assert "nobody@example.ru" not in order.points[1]["text"]
    assert order.points[1]["text"] == f"{APPOINT}{drafting.BLANK_NAME}."


def test_the_compose_page_offers_the_heads_name(client_for, office, coordinator_a):
    _head(office, last_name="Аксёнов", first_name="Сергей", middle_name="Петрович")
    roadmap = RoadmapFactory(district=office)
    page = client_for(coordinator_a).get(reverse("order_new", args=[office.slug, roadmap.pk]))

    assert page.status_code == 200
    assert page.context["form"]["signatory_name"].value() == "С.П. Аксёнов"
