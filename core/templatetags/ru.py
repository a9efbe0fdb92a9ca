"""Russian text helpers for templates: plural forms and dates as 22.06.2020."""
from datetime import date

from django import template

register = template.Library()


def plural_form(n: int, forms: str) -> str:
    """`forms` is «школа,школы,школ» (one, few, many)."""
    one, few, many = (f.strip() for f in forms.split(","))
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


@register.filter
def ru_plural(n, forms: str) -> str:
    """{{ 5|ru_plural:"школа,школы,школ" }} → «5 школ»."""
    return f"{n} {plural_form(n or 0, forms)}"


@register.filter
def ru_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)
