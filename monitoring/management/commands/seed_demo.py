from django.core.management.base import BaseCommand

from monitoring.services.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Создаёт демонстрационные данные (если их ещё нет) и печатает учётные записи."

    def handle(self, *args, **options):
        logins = seed_demo()
        self.stdout.write(f"Демонстрационные учётные записи (пароль у всех: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.email:<32} {login.role} — {login.scope}")
