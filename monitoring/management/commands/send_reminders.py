"""`send_reminders --date YYYY-MM-DD [--district SLUG] [--dry-run] [--format json]`: the
deadline reminders of a local day, for administrators (and the contract of our checks).

`--date` is the local day in each region. `--dry-run` sends and records nothing: it shows
the day's reminders as computed (who gets which due date at which stage, stages a person
turned off left out, whether or not they were already sent that day); with `--format json`
a JSON array, one object per address sorted by address:
{"to": …, "items": [{"roadmap": id, "number": "1.10", "due_on": "YYYY-MM-DD", "stage": …}]},
items sorted by due date, then number. Without `--dry-run` it sends what has not been sent
(each item once: monitoring/services/reminders.py) and prints how many.
"""
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core.templatetags.ru import plural_form
from monitoring.selectors.reminders import as_contract, reminders_for_day
from monitoring.services.reminders import reminders_send
from schools.models import District


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise CommandError(f"Неверная дата «{text}»: укажите день в виде ГГГГ-ММ-ДД, "
                           f"например 2026-12-05.") from None


class Command(BaseCommand):
    help = ("Напоминания о сроках мероприятий за день (--date — местный день в каждом регионе): "
            "отправляет то, что ещё не отправлено; с --dry-run только показывает.")

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, metavar="ГГГГ-ММ-ДД",
                            help="местный день в каждом регионе")
        parser.add_argument("--district", metavar="АДРЕС",
                            help="только этот муниципалитет (его адрес, например molchanovo)")
        parser.add_argument("--dry-run", action="store_true",
                            help="ничего не отправлять и не записывать, только показать")
        parser.add_argument("--format", choices=["text", "json"], default="text",
                            help="вид вывода: text (по умолчанию) или json")

    def handle(self, *args, date, district, dry_run, format, **options):
        day = parse_day(date)
        district_ids = None
        if district:
            found = District.objects.filter(slug=district).values_list("id", flat=True).first()
            if found is None:
                raise CommandError(f"Нет муниципалитета с адресом «{district}».")
            district_ids = [found]
        digests = reminders_for_day(day, district_ids)
        if dry_run:
            contract = as_contract(digests)
            if format == "json":
                self.stdout.write(json.dumps(contract, ensure_ascii=False, indent=2))
                return
            for person in contract:
                self.stdout.write(person["to"])
                for item in person["items"]:
                    self.stdout.write(f"  {item['due_on']}  {item['stage']:<8}  карта {item['roadmap']}, "
                                      f"№ {item['number'] or '—'}")
            total = sum(len(p["items"]) for p in contract)
            self.stdout.write(f"Без отправки: {len(contract)} {plural_form(len(contract), 'адресат,адресата,адресатов')}, "
                              f"{total} {plural_form(total, 'напоминание,напоминания,напоминаний')} "
                              f"на {day:%d.%m.%Y}.")
            return
        result = reminders_send(digests=digests, day=day)
        line = (f"Отправлено {result.digests} {plural_form(result.digests, 'письмо,письма,писем')}: "
                f"{result.items} {plural_form(result.items, 'напоминание,напоминания,напоминаний')} "
                f"на {day:%d.%m.%Y}.")
        if format == "json":
            self.stdout.write(json.dumps({"digests": result.digests, "items": result.items}))
        else:
            self.stdout.write(line)

