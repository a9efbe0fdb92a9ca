"""The regional directives that orders cite, kept once per region."""
from __future__ import annotations

from schools.models import District

from ..importers.directive import DirectiveRef
from ..models import Directive


def directive_get_or_create(district: District, ref: DirectiveRef | None) -> Directive | None:
    """The regional directive the order cites, kept once per region."""
    if ref is None:
        return None
    directive, _ = Directive.objects.get_or_create(
        region=district.region, kind=ref.kind, number=ref.number, issued_on=ref.issued_on,
        issuer=ref.issuer[:300], defaults={"title": ref.title[:500] or ref.issuer[:500]},
    )
    return directive
