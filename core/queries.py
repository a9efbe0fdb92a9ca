"""Query helpers every app's selectors share."""
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet, outer: str = "district_id", counted: str = "*",
             distinct: bool = False) -> Subquery:
    """A correlated COUNT(*) subquery: one row per parent, no join fan-out."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count(counted, distinct=distinct))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)
