"""factory_boy factories for the named fixtures of conftest.py."""
from datetime import date

import factory

from roadmaps.models import Measure, Roadmap, Section
from schools.models import District, Organization, Region, SchoolList, SchoolListEntry, User


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Область {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    time_zone = "Asia/Tomsk"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Район {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")
    place = "с. Молчаново"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    district = factory.SubFactory(DistrictFactory)
    kind = Organization.Kind.SCHOOL
    short_name = factory.Sequence(lambda n: f"МКОУ СОШ № {n}")
    full_name = factory.LazyAttribute(lambda o: f"Муниципальное казённое учреждение «{o.short_name}»")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.ru")
    username = factory.LazyAttribute(lambda u: u.email)
    last_name = "Иванова"
    first_name = "Мария"
    password = factory.PostGenerationMethodCall("set_password", "secret-pass")

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SchoolListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolList

    district = factory.SubFactory(DistrictFactory)
    kind = SchoolList.Kind.LOW_RESULTS
    year = 2026


class SchoolListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolListEntry

    school_list = factory.SubFactory(SchoolListFactory)
    district = factory.SelfAttribute("school_list.district")
    organization = factory.SubFactory(OrganizationFactory, district=factory.SelfAttribute("..district"))
    reason = "Низкие результаты ОГЭ"


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Дорожная карта {n}")
    period_start = date(2026, 1, 1)
    period_end = date(2026, 12, 31)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    roadmap = factory.SubFactory(RoadmapFactory)
    district = factory.SelfAttribute("roadmap.district")
    number = factory.Sequence(lambda n: f"{n + 1}.")
    title = "Организационные мероприятия"
    position = factory.Sequence(lambda n: n)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    roadmap = factory.SubFactory(RoadmapFactory)
    district = factory.SelfAttribute("roadmap.district")
    number = factory.Sequence(lambda n: f"{n + 1}")
    text = factory.Sequence(lambda n: f"Мероприятие {n}")
    deadline_text = "Март 2026"
    position = factory.Sequence(lambda n: n)
