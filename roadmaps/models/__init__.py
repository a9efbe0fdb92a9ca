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
from .workflow import Comment, Submission, Transition

__all__ = [
    "Comment",
    "Submission",
    "Transition",
    "DeadlineKind",
    "Directive",
    "DueDate",
    "Measure",
    "MeasureResponsible",
    "Order",
    "Roadmap",
    "Section",
]
