"""`seed_national [--scale national|region|district]`: a database at national scale for
measurements (roadmaps/services/national.py). Refuses a database with real districts."""
import time

from django.core.management.base import BaseCommand, CommandError

from roadmaps.services import national


class Command(BaseCommand):
    help = ("Заполняет отдельную базу для замеров данными в масштабе страны (85 регионов, "
            "2 000 муниципалитетов, ~39 000 школ, ~200 000 мероприятий), региона или одного "
            "муниципалитета. Не работает с базой, где есть настоящие муниципалитеты.")

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=national.SCALES, default="national",
                            help="national — вся страна, region — один регион, "
                                 "district — один муниципалитет (по умолчанию national)")
        parser.add_argument("--extra-roadmap", type=int, action="append", default=[],
                            metavar="N", help="ещё одна карта сравнительного муниципалитета из N "
                                              "мероприятий (для кривой роста страницы); можно "
                                              "указать несколько раз")
        parser.add_argument("--seed", type=int, default=2026,
                            help="начальное значение генератора случайных чисел")

    def handle(self, *args, scale, seed, extra_roadmap, **options):
        started = time.monotonic()
        self.stdout.write(f"Заполняю базу: масштаб {scale}…")
        try:
            result = national.seed_national(scale=scale, seed=seed, extra=extra_roadmap,
                                            log=self.stdout.write)
        except national.SeedRefused as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except ValueError as exc:
            raise CommandError("Дополнительная карта — от 1 до 5 000 мероприятий.") from exc
        for line in national.counts_lines(result):
            self.stdout.write(line)
        self.stdout.write(f"Готово за {time.monotonic() - started:.0f} с. "
                          f"Пароль координатора: {national.PASSWORD}")
        for size, path in result.extra:
            self.stdout.write(f"extra{size}: {path}")
        self.stdout.write(f"login: {result.login}")
        self.stdout.write(f"roadmap300: {result.roadmap300}")
        self.stdout.write(f"roadmap20: {result.roadmap20}")
