"""The table's rows: the page and the htmx fragment of one row print the same markup, the
text as written is escaped, and a row names its organisations (an inactive one too)."""
import re

import pytest
from django.urls import reverse

from roadmaps.models import Measure
from roadmaps.services.measures import measure_create
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def _row_in(html: str, pk: int) -> str:
    found = re.search(rf'<tr id="measure-{pk}" .*?</tr>\n', html, re.S)
    assert found, f"no row of measure {pk}"
    return found.group(0)


@pytest.fixture
def odd_measure(roadmap, coordinator_a, section_one, body_a, school_a, district_a):
    """Markup characters everywhere, a review note, three dates and three organisations, one
    of which is no longer active."""
    gone = OrganizationFactory(district=district_a, kind="supporting_body",
                               short_name="Старый <ЦИМО> & Ко")
    m = measure_create(roadmap=roadmap, acting_user=coordinator_a, section=section_one,
                       text='Текст с "кавычками" & <тегами> и \'апострофом\'',
                       deadline_text="Апрель 2026, Октябрь 2026, Декабрь 2026",
                       responsible_text="ТОИПКРО & <b>", responsible=[body_a, school_a, gone],
                       result="a < b", output_form="справка 'x'")
    Measure.objects.filter(pk=m.pk).update(needs_review=True, review_notes="Проверить <срок>")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    return m


@pytest.mark.parametrize("who", ["coordinator_a", "head_a"])
@pytest.mark.parametrize("query", ["", "?review=1"])
def test_the_fragment_of_a_row_is_the_row_of_the_page(request, client_for, roadmap, measures,
                                                      odd_measure, who, query):
    client = client_for(request.getfixturevalue(who))
    page_url = reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk]) + query
    page = client.get(page_url).content.decode()
    for m in [odd_measure, *measures]:
        if query and not m.needs_review and m.pk != odd_measure.pk:
            continue
        fragment = client.get(reverse("measure_row", args=[roadmap.district.slug, m.pk]),
                              HTTP_HX_CURRENT_URL="http://testserver" + page_url, **HX)
        assert fragment.content.decode() == _row_in(page, m.pk)


def test_a_row_prints_the_text_as_written_escaped_with_its_dates_and_organisations(
        client_for, coordinator_a, roadmap, odd_measure, body_a, school_a):
    html = client_for(coordinator_a).get(
        reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])).content.decode()
    row = _row_in(html, odd_measure.pk)
    assert 'class="measure needs-review"' in row
    assert "Текст с &quot;кавычками&quot; &amp; &lt;тегами&gt; и &#x27;апострофом&#x27;" in row
    assert '<div class="note">Проверить &lt;срок&gt;</div>' in row
    assert ('<div class="due"><span>30.04.2026</span><span>31.10.2026</span>'
            '<span>31.12.2026</span></div><div class="flag">требует проверки</div>') in row
    # in their order; ТОИПКРО is in the text as written, so it is not repeated under it
    names = re.search(r'<div class="orgs">(.*?)</div>', row).group(1)
    assert names == f"<span>{school_a.short_name}</span><span>Старый &lt;ЦИМО&gt; &amp; Ко</span>"
    assert "Изменить мероприятие" in row and "/move/" in row
    # the inactive organisation is named in the row but is not offered in the filters
    assert html.count("Старый &lt;ЦИМО&gt;") == 1


def test_a_row_whose_only_organisation_is_in_its_text_keeps_an_empty_list(
        client_for, coordinator_a, roadmap, measures):
    html = client_for(coordinator_a).get(
        reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])).content.decode()
    # «МКОУ Кармаклинская СОШ» is written and linked; 1.1 links nothing
    assert '<div class="orgs"></div>' in _row_in(html, measures[1].pk)
    assert '<div class="orgs">' not in _row_in(html, measures[0].pk)
