"""Export a roadmap: `export_roadmap ID --format json` (to stdout) or `--format xlsx -o FILE`."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roadmaps.documents.build import build_roadmap_table
from roadmaps.documents.jsonexport import roadmap_as_dict
from roadmaps.documents.xlsx import render_xlsx
from roadmaps.models import Roadmap


class Command(BaseCommand):
    help = ("Выгружает дорожную карту: JSON в стандартный вывод или таблицу Excel (.xlsx) "
            "в файл -o.")

    def add_arguments(self, parser):
        parser.add_argument("roadmap_id", type=int)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", help="файл для .xlsx")

    def handle(self, *args, **opts):
        try:
            roadmap = Roadmap.objects.select_related("district").get(pk=opts["roadmap_id"])
        except Roadmap.DoesNotExist:
            raise CommandError(f"Дорожная карта {opts['roadmap_id']} не найдена.") from None
        if opts["format"] == "json":
            self.stdout.write(json.dumps(roadmap_as_dict(roadmap), ensure_ascii=False, indent=2))
            return
        if not opts["output"]:
            raise CommandError("Для --format xlsx укажите файл: -o FILE.")
        subtitle = (f"{roadmap.district.name}. Период: {roadmap.period_start:%d.%m.%Y} – "
                    f"{roadmap.period_end:%d.%m.%Y}")
        path = Path(opts["output"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_xlsx(build_roadmap_table(roadmap), subtitle=subtitle))
        self.stdout.write(f"{path}: {roadmap.title[:80]}")
