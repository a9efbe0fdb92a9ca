from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.reading.errors import DocumentError
from core.uploads import read_upload
from roadmaps.selectors.imports import build_preview
from roadmaps.services.imports import roadmap_import
from schools.models import District


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Дата «{value}» не в формате ГГГГ-ММ-ДД.") from None


class Command(BaseCommand):
    help = "Импортирует дорожную карту из .docx, .xlsx или текста и печатает номер и сводку."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--district", required=True, help="адрес муниципалитета (slug)")
        parser.add_argument("--period-start", type=iso_date)
        parser.add_argument("--period-end", type=iso_date)
        parser.add_argument("--title")

    def handle(self, *args, **opts):
        path = Path(opts["path"])
        try:
            district = District.objects.get(slug=opts["district"])
        except District.DoesNotExist:
            raise CommandError(f"Муниципалитет «{opts['district']}» не найден.") from None
        if not path.is_file():
            raise CommandError(f"Файл {path} не найден.")
        if bool(opts["period_start"]) != bool(opts["period_end"]):
            raise CommandError("Укажите оба параметра: --period-start и --period-end.")
        period = (opts["period_start"], opts["period_end"]) if opts["period_start"] else None
        try:
            preview = build_preview(read_upload(path.name, path.read_bytes()), district, period=period)
            if preview.period is None:
                raise CommandError(
                    "Не удалось определить период дорожной карты по названию: "
                    "укажите --period-start и --period-end."
                )
            roadmap = roadmap_import(
                district=district, preview=preview, acting_user=None, source_name=path.name,
                title=opts["title"] or preview.parsed.title,
                period_start=preview.period[0], period_end=preview.period[1],
            )
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(str(roadmap.id))
        self.stdout.write(
            f"Дорожная карта «{roadmap.title}» ({roadmap.period_start:%d.%m.%Y} – "
            f"{roadmap.period_end:%d.%m.%Y}): разделов {preview.section_count}, "
            f"мероприятий {preview.measure_count}, требуют проверки {preview.flagged_count}"
        )
        for line in preview.parsed.warnings:
            self.stdout.write(f"  внимание: {line}")
        for line in preview.parsed.unplaced:
            self.stdout.write(f"  не размещено: {line}")
