from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from schools.models import Role
from schools.services.districts import district_get_or_create
from schools.services.memberships import membership_grant
from schools.services.regions import region_get_or_create
from schools.services.users import user_get_or_create


class Command(BaseCommand):
    help = "Подключает муниципалитет: создаёт недостающие регион, муниципалитет и координатора."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="Например: «Томская область»")
        parser.add_argument("--timezone", required=True, help="Например: Asia/Tomsk")
        parser.add_argument("--name", required=True, help="Например: «Молчановский район»")
        parser.add_argument("--slug", required=True, help="Адрес муниципалитета: molchanovo")
        parser.add_argument("--coordinator", required=True, metavar="EMAIL")
        parser.add_argument("--password", help="Пароль координатора (по умолчанию — случайный)")

    def handle(self, *args, **opts):
        try:
            with transaction.atomic():
                region, region_created = region_get_or_create(name=opts["region"].strip(),
                                                               time_zone=opts["timezone"].strip())
                district, district_created = district_get_or_create(
                    region=region, name=opts["name"].strip(), slug=opts["slug"].strip()
                )
                user, user_created, password = user_get_or_create(
                    email=opts["coordinator"], password=opts.get("password")
                )
                membership_grant(user=user, role=Role.COORDINATOR, district=district)
        except (ValidationError, ValueError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("; ".join(messages)) from exc

        def state(created: bool) -> str:
            return "создан" if created else "уже был"

        self.stdout.write(f"Регион: {region.name} ({region.time_zone}) — {state(region_created)}")
        self.stdout.write(f"Муниципалитет: {district.name} (/{district.slug}/) — {state(district_created)}")
        self.stdout.write(f"Координатор: {user.email} — {state(user_created)}")
        self.stdout.write("")
        self.stdout.write("Как войти координатору:")
        self.stdout.write("  адрес: http://127.0.0.1:8000/login/")
        self.stdout.write(f"  электронная почта: {user.email}")
        if password:
            self.stdout.write(f"  пароль: {password}  (сменить: python manage.py changepassword {user.email})")
        else:
            self.stdout.write("  пароль: прежний (сменить: python manage.py changepassword "
                              f"{user.email})")
