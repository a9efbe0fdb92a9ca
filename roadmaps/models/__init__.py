from .orders import Order
from .roadmap import (
    DeadlineKind,
    Directive,
    DueDate,
    Measure,
    MeasureResponsible,
    Roadmap,
    Section,
)

__all__ = [
    "DeadlineKind",
    "Directive",
    "DueDate",
    "Measure",
    "MeasureResponsible",
    "Order",
    "Roadmap",
    "Section",
]
