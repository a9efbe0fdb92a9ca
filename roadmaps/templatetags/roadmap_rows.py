"""The roadmap table's measure rows, rendered in Python: the one home of a row's markup.

The page renders every row of a section with `{% measure_rows block.measures %}`
(roadmap_detail_section.html), and a single row after an edit with the same function
(`{% measure_row measure %}` in roadmap_detail_row.html), so the two never drift apart.
A template `{% include %}` and `{% with %}` per row cost ~25 node renders a row: more than
half of a 300-row page. The measures come from `selectors.table.measures_for_table(...,
for_page=True)`: `due_days` (dates, in order) and `responsible_names` (short names, in order).

Escaping is `html.escape` — what Django's autoescape does to a plain string."""
from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString

from core.templatetags.ru import ru_date

from .comments import comment_button, row_comments

register = template.Library()


def row_settings(context) -> tuple:
    """(may edit, a filter is on, the measures' address prefix, a school programme's
    comment counts) from a table's context."""
    filters = context.get("filters")
    links = context.get("links") or {}
    return (bool(context.get("can_edit")), bool(filters and filters.active),
            escape(links.get("measures", "")), row_comments(context))


def indicator_text(measure) -> str:
    """«Доля обучающихся с рисками учебной неуспешности: 12 % → 5 %»."""
    unit = measure.indicator_unit.strip()

    def value(v: str) -> str:
        return f"{v} {unit}".strip() if v else "—"

    values = f"{value(measure.indicator_base)} → {value(measure.indicator_target)}"
    return f"{measure.indicator_name}: {values}" if measure.indicator_name else values


def measure_row_html(measure, can_edit: bool, filtered: bool, prefix: str,
                     comments=None) -> str:
    """One `<tr>` of the table (ending with a newline), `prefix` already escaped."""
    pk = str(measure.pk)
    n = escape(measure.number)
    review = measure.needs_review
    parts = [f'<tr id="measure-{pk}" class="measure{" needs-review" if review else ""}">\n'
             f'  <td class="num">{n}{comment_button(measure, comments)}</td>\n'
             f'  <td class="text pre">{escape(measure.text)}']
    if measure.review_notes:
        parts.append(f'<div class="note">{escape(measure.review_notes)}</div>')
    parts.append(f'</td>\n  <td class="deadline">{escape(measure.deadline_text)}')
    if measure.due_days:
        parts.append('<div class="due">')
        parts.extend(f"<span>{escape(ru_date(d))}</span>" for d in measure.due_days)
        parts.append("</div>")
    if review:
        parts.append('<div class="flag">требует проверки</div>')
    written = measure.responsible_text
    parts.append(f'</td>\n  <td class="pre">{escape(written)}')
    if measure.responsible_ids:
        parts.append('<div class="orgs">')
        parts.extend(f"<span>{escape(name)}</span>" for name in measure.responsible_names
                     if name not in written)
        parts.append("</div>")
    if measure.addresses_flagged_schools:
        parts.append('<div class="orgs"><span class="group" title="Мероприятие адресовано '
                     'школам из перечней: каждая отчитывается отдельно">все ШНОР/ШНСУ</span></div>')
    base = f"{prefix}{pk}/"
    parts.append(f'</td>\n  <td class="pre">{escape(measure.result)}')
    if measure.indicator_name or measure.indicator_target:
        parts.append(f'<div class="indicator">{escape(indicator_text(measure))}</div>')
    parts.append(f'</td>\n  <td>{escape(measure.output_form)}</td>\n  <td class="act">')
    if can_edit:
        parts.append(f'<button class="ib i-edit" hx-get="{base}edit/" '
                     f'title="Изменить мероприятие {n}"></button>')
        if not filtered:
            parts.append(f'<button class="ib i-up" hx-post="{base}move/" hx-vals=\'{{"step":-1}}\' '
                         f'title="Мероприятие {n} выше"></button>'
                         f'<button class="ib i-down" hx-post="{base}move/" hx-vals=\'{{"step":1}}\' '
                         f'title="Мероприятие {n} ниже"></button>')
    parts.append(f'<a class="ib i-hist" href="{base}history/" title="История мероприятия {n}"></a>')
    if can_edit:
        parts.append(f'<details class="menu" hx-disinherit="*" hx-get="{base}menu/" '
                     f'hx-trigger="toggle once" hx-target="find div" hx-swap="innerHTML">'
                     f'<summary class="ib i-more" title="Ещё: мероприятие {n}"></summary>'
                     f'<div class="menu-body"></div></details>')
    parts.append("</td>\n</tr>\n")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def measure_rows(context, measures) -> SafeString:
    """The rows of a section's measures."""
    settings = row_settings(context)
    return SafeString("".join(measure_row_html(m, *settings) for m in measures))


@register.simple_tag(takes_context=True)
def measure_row(context, measure) -> SafeString:
    """One row: the htmx fragment after an edit, exactly as the page prints it."""
    return SafeString(measure_row_html(measure, *row_settings(context)))
