"""Hostile or careless input to the roadmap import ends in a Russian message that names the
row, and nothing is created half right: through the real upload, preview and confirm."""

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


def test_a_deadline_cell_of_60000_months_is_read_and_refused_naming_its_row(client_for, coordinator_a,
                                                                  district_a):
    client = client_for(coordinator_a)
    deadline = ", ".join(["январь"] * 60_000)
    url = upload(client, district_a, HEADER + GOOD + f"2\tСеминар\t{deadline}\tУправление образования\n")
    response = confirm(client, url)

    assert response.status_code == 400
    assert "в ячейке «Срок» 479998 символов" in response.content.decode()
    assert not Roadmap.objects.exists()


def rows(count: int, start: int = 1) -> str:
    return "".join(f"{i}\tСовещание директоров № {i}\tМарт 2024\tУправление образования\n"
                   for i in range(start, start + count))


def test_a_text_of_100000_rows_is_refused_by_the_row_cap(client_for, coordinator_a, district_a):
    client = client_for(coordinator_a)
    response = client.post(reverse("roadmap_import", args=[district_a.slug]),
                           {"text": HEADER + rows(100_000)})

    assert response.status_code == 400
    assert "В тексте больше 20\u00a0000 строк таблиц" in response.content.decode()


def test_a_roadmap_over_3000_measures_is_refused_with_a_message(client_for, coordinator_a,
                                                                district_a):
    client = client_for(coordinator_a)

    response = client.post(reverse("roadmap_import", args=[district_a.slug]),
                           {"text": HEADER + rows(3_001)})

    assert response.status_code == 400
    assert ("В таблице 3\u00a0001 мероприятий, а в одной дорожной карте может быть не больше "
            "3\u00a0000 мероприятий") in response.content.decode()
    assert not Roadmap.objects.exists()


def test_every_update_of_a_large_import_is_batched(client_for, coordinator_a, district_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coordinator_a)
    # numbers that are not automatic (10, 20, 30 …) are locked: an update for each measure
    text = HEADER + "".join(f"{i * 10}\tСовещание директоров № {i}\tМарт 2024\tУправление "
                            f"образования\n" for i in range(1, 1_201))
    url = upload(client, district_a, text)
    with CaptureQueriesContext(connection) as queries:
        response = confirm(client, url)

    assert response.status_code == 302
    assert Measure.objects.count() == 1_200
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert updates
    # bulk_update writes one CASE per field with a WHEN per row: at most a batch of rows
    assert max(sql.count(" WHEN ") / max(sql.count("CASE"), 1) for sql in updates) <= 500
