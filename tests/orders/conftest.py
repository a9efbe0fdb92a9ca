"""Orders of district A and B, drafted through the service as their coordinators would."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roadmaps.orders import order_create_draft
from tests.factories import MeasureFactory, SectionFactory

PDF_SCAN = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_SCAN = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def scan(content: bytes = PDF_SCAN, name: str = "scan.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def filled_roadmap_a(roadmap_a):
    section = SectionFactory(roadmap=roadmap_a, number="1.", title="Организационные меры")
    for n in range(1, 4):
        MeasureFactory(roadmap=roadmap_a, section=section, number=str(n),
                       text=f"Мероприятие {n}", deadline_text="Март 2026")
    return roadmap_a


@pytest.fixture
def order_a(filled_roadmap_a, coordinator_a):
    return order_create_draft(roadmap=filled_roadmap_a, acting_user=coordinator_a,
                              number="143/1", issued_on=filled_roadmap_a.period_start)


@pytest.fixture
def order_b(roadmap_b, coordinator_b):
    return order_create_draft(roadmap=roadmap_b, acting_user=coordinator_b, number="7")


@pytest.fixture
def eager(settings):
    """Celery jobs run in process (browser and view tests); the broker round trip has its own test."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return settings
