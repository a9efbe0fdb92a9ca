from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.reading.errors import DocumentError
from core.uploads import read_upload
from schools.list_table import parse_school_table
from schools.models import District, SchoolList
from schools.services.school_lists import school_list_import


class Command(BaseCommand):
    help = "Импортирует перечень школ (ШНОР, ШНСУ …) из таблицы .docx, .xlsx или текста."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--district", required=True)
        parser.add_argument("--kind", required=True, choices=SchoolList.Kind.values)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--source", default="", help="документ-основание")

    def handle(self, *args, **opts):
        path = Path(opts["path"])
        try:
            district = District.objects.get(slug=opts["district"])
        except District.DoesNotExist:
            raise CommandError(f"Муниципалитет «{opts['district']}» не найден.") from None
        if not path.is_file():
            raise CommandError(f"Файл {path} не найден.")
        try:
            rows = parse_school_table(read_upload(path.name, path.read_bytes()))
            school_list, matched, created = school_list_import(
                district=district, kind=opts["kind"], year=opts["year"], rows=rows,
                source_document=opts["source"],
            )
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"{school_list} ({district.name}): школ в перечне {school_list.entries.count()}, "
            f"найдено в справочнике {matched}, добавлено новых {created}"
        )
