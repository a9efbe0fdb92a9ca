"""Print an order in batch: `render_order --roadmap ID --format pdf|docx -o FILE`."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roadmaps.documents.build import build_order_document, draft_order
from roadmaps.documents.docx import render_docx
from roadmaps.documents.pdf import render_pdf
from roadmaps.models import Order, Roadmap


class Command(BaseCommand):
    help = ("Формирует приказ дорожной карты в PDF или DOCX: последний приказ карты, а если его "
            "нет — проект по шаблону (проект не сохраняется).")

    def add_arguments(self, parser):
        parser.add_argument("--roadmap", type=int, required=True, help="номер дорожной карты")
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="куда записать файл")

    def handle(self, *args, **opts):
        try:
            roadmap = Roadmap.objects.select_related("district", "directive").get(pk=opts["roadmap"])
        except Roadmap.DoesNotExist:
            raise CommandError(f"Дорожная карта {opts['roadmap']} не найдена.") from None
        order = (Order.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                 .select_related("district").order_by("-created_at", "-id").first())
        drafted = order is None
        if drafted:
            order = draft_order(roadmap)
        doc = build_order_document(order)
        data = render_pdf(doc) if opts["format"] == "pdf" else render_docx(doc)
        path = Path(opts["output"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        what = "проект приказа по шаблону (не сохранён)" if drafted else str(order)
        self.stdout.write(f"{path}: {what}, {len(data)} байт")
