"""Hostile or careless input to the roadmap import ends in a Russian message that names the
row, and nothing is created half right: through the real upload, preview and confirm."""
import time

from django.urls import reverse

from roadmaps.models import Measure, Roadmap

HEADER = "План мероприятий на 2024 год\n\n№\tМероприятия\tСроки\tОтветственные\n"
GOOD = "1\tСовещание директоров\tМарт 2024\tУправление образования\n"


def upload(client, district, text):
    response = client.post(reverse("roadmap_import", args=[district.slug]), {"text": text})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def confirm(client, preview_url):
    form = client.get(preview_url).context["form"]
    data = {name: (field.initial if field.initial is not None else "")
            for name, field in form.fields.items()}
    data["period_start"], data["period_end"] = "01.01.2024", "31.12.2024"
    return client.post(preview_url, data)


def test_an_empty_measure_cell_is_named_in_the_preview_and_the_confirm(client_for, coordinator_a,
                                                                      district_a):
    client = client_for(coordinator_a)
    url = upload(client, district_a, HEADER + GOOD + "2\t\tАпрель 2024\tУправление образования\n")

    preview = client.get(url).content.decode()
    response = confirm(client, url)

    assert "Мероприятие 2 (таблица 1, строка 3): пустая ячейка «Мероприятие»" in preview
    assert response.status_code == 400
    html = response.content.decode()
    assert "Мероприятие 2 (таблица 1, строка 3): пустая ячейка «Мероприятие»" in html
    assert "Это поле не может быть пустым" not in html
    assert not Roadmap.objects.exists() and not Measure.objects.exists()


def test_a_deadline_longer_than_the_field_is_refused_naming_its_row(client_for, coordinator_a,
                                                                   district_a):
    client = client_for(coordinator_a)
    deadline = ", ".join(["январь"] * 100)  # 798 characters
    url = upload(client, district_a, HEADER + GOOD + f"2\tСеминар\t{deadline}\tУправление образования\n")

    response = confirm(client, url)

    assert response.status_code == 400
    assert ("Мероприятие 2 (таблица 1, строка 3): в ячейке «Срок» 798 символов, а помещается "
            "не больше 500") in response.content.decode()
    assert not Roadmap.objects.exists() and not Measure.objects.exists()


def test_a_deadline_cell_of_60000_months_costs_seconds_not_minutes(client_for, coordinator_a,
                                                                  district_a):
    client = client_for(coordinator_a)
    deadline = ", ".join(["январь"] * 60_000)
    started = time.monotonic()
    url = upload(client, district_a, HEADER + GOOD + f"2\tСеминар\t{deadline}\tУправление образования\n")
    response = confirm(client, url)

    assert time.monotonic() - started < 20
    assert response.status_code == 400
    assert "в ячейке «Срок» 479998 символов" in response.content.decode()
    assert not Roadmap.objects.exists()
