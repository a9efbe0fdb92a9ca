"""The template wording of an order: title, preamble and points from the roadmap."""
from datetime import date

from roadmaps.documents import drafting
from roadmaps.documents.build import draft_order
from roadmaps.documents.data import number_points
from roadmaps.models import Directive
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import UserFactory
from tests.support.seed_roadmaps import SEEDS, build_roadmap


def test_the_title_puts_the_roadmap_name_in_the_genitive():
    assert drafting.draft_title("Дорожная карта комплекса мероприятий") == \
        "Об утверждении дорожной карты комплекса мероприятий"
    assert drafting.draft_title("Муниципальный план мероприятий («дорожная карта»)") == \
        "Об утверждении муниципального плана мероприятий («дорожная карта»)"
    assert drafting.draft_title("ДОРОЖНАЯ КАРТА по оказанию помощи") == \
        "Об утверждении дорожной карты по оказанию помощи"
    assert drafting.draft_title("Школы 2026") == "Об утверждении дорожной карты «Школы 2026»"


def test_the_district_name_goes_into_the_genitive():
    assert drafting.district_genitive("Молчановский район") == "Молчановского района"
    assert drafting.district_genitive("Барабинский район") == "Барабинского района"
    assert drafting.district_genitive("Город Томск") == "муниципального образования «Город Томск»"


def test_the_preamble_cites_the_regional_directive():
    citation = drafting.directive_instrumental(
        kind="распоряжение", issuer="Департамента общего образования Томской области",
        number="293", issued_on=date(2020, 4, 13),
        title="Об организации работы со школами с низкими образовательными результатами")
    preamble = drafting.draft_preamble(district_name="Молчановский район",
                                       directive_citation=citation)

    assert preamble.startswith("В соответствии с распоряжением Департамента общего образования "
                               "Томской области от 13.04.2020 № 293 «Об организации работы")
    assert preamble.endswith("общеобразовательных организациях Молчановского района")


def test_the_points_approve_appoint_instruct_the_directors_and_keep_control():
    plan = drafting.plan_appendices(roadmap=True, schools=True, interviews=True)
    points = drafting.draft_points(
        roadmap_title="Дорожная карта района", plan=plan, has_interviews=True,
        coordinators=[drafting.Person("Иванова М. П.", "главный специалист")],
        schools=[drafting.FlaggedSchool("МКОУ СОШ №1", "Басалаев О.В."),
                 drafting.FlaggedSchool("МБОУ СОШ №47", "Лысова М.А.")])
    texts = [p["text"] for p in points]

    assert texts[0] == "Утвердить дорожную карту района (приложение №\u00a01)."
    assert texts[1] == ("Назначить муниципальным координатором реализации дорожной карты "
                        "Иванову\u00a0М.П. (главный специалист).")
    assert texts[2].startswith("Руководителям МКОУ СОШ №1 (Басалаев О.В.), МБОУ СОШ №47 "
                               "(Лысова М.А.) (приложение №\u00a02) обеспечить")
    assert "(приложение №\u00a03)" in texts[3]
    assert texts[-1] == drafting.CONTROL_POINT


def test_points_number_with_their_sub_points():
    points = number_points([{"text": "Специалистам обеспечить:", "subpoints": ["а;", "б."]},
                            {"text": "", "subpoints": []}, {"text": "Контроль."}])

    assert [p.number for p in points] == ["1.", "2."]
    assert [s.number for s in points[0].subpoints] == ["1.1.", "1.2."]


def test_a_drafted_order_takes_the_districts_requisites_and_the_flagged_schools(db):
    seed = SEEDS["001"]
    roadmap = build_roadmap(seed)
    head = UserFactory(email="head-001@example.ru", first_name="Ольга", middle_name="Юрьевна",
                       last_name="Бурлуцкая")
    membership_grant(user=head, role=Role.HEAD, district=roadmap.district)
    roadmap.directive = Directive.objects.create(
        issuer="министерства образования Новосибирской области", kind="приказ", number="515",
        issued_on=date(2024, 3, 26), title="Об утверждении Плана мероприятий")
    order = draft_order(roadmap)

    assert order.pk is None
    assert order.place == "г. Барабинск"
    assert order.signatory_name == "О.Ю. Бурлуцкая"
    assert order.preamble.startswith("В соответствии с приказом министерства образования "
                                     "Новосибирской области от 26.03.2024 № 515")
    directors = order.points[2]["text"]
    for school, director in seed.schools:
        assert f"{school} ({director})" in directors
