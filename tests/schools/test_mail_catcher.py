"""`manage.py mail_catcher` (started by `make run`): a message sent through Django's SMTP
backend lands in the folder as an .eml file, and the console gets one line about it."""
import io
import threading
import time

from django.core.mail import send_mail
from django.core.management import call_command

from schools.management.commands.mail_catcher import eml_name
from tests.support.mail import free_port


def test_a_message_sent_by_smtp_is_saved_as_eml_with_one_line(tmp_path, settings):
    port = free_port()
    out = io.StringIO()
    worker = threading.Thread(target=call_command, args=["mail_catcher"],
                              kwargs={"port": port, "folder": str(tmp_path), "stdout": out},
                              daemon=True)
    # signal handlers can only be set from the main thread: let the command skip them
    import signal
    original = signal.signal
    signal.signal = lambda *a, **k: None
    try:
        worker.start()
        deadline = time.monotonic() + 10
        while "слушает" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        signal.signal = original
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    send_mail("Приглашение в систему", "Текст письма", "roadmaps@localhost", ["anna@school.ru"])
    while not list(tmp_path.glob("*.eml")) and time.monotonic() < deadline:
        time.sleep(0.05)
    [saved] = list(tmp_path.glob("*.eml"))
    assert saved.name.endswith("-Приглашение-в-систему.eml")
    assert "anna@school.ru" in saved.read_text()
    lines = [line for line in out.getvalue().splitlines() if "anna@school.ru" in line]
    assert len(lines) == 1 and "«Приглашение в систему»" in lines[0]


def test_file_names_are_safe_and_sortable():
    from datetime import datetime
    name = eml_name("Re: отчёт / 2026 <срочно>", datetime(2026, 12, 4, 19, 3, 1, 5))
    assert name == "20261204-190301-000005-Re-отчёт-2026-срочно.eml"
    assert eml_name("", datetime(2026, 1, 1)).endswith("-без-темы.eml")


def _letter(folder, name, subject, to, body):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"Subject: {subject}\nTo: {to}\nDate: Fri, 04 Dec 2026 19:03:01 +0000\n"
                               f"Content-Type: text/plain; charset=utf-8\n\n{body}\n", encoding="utf-8")


def test_an_administrator_reads_the_caught_letters_under_debug(db, client_for, settings, tmp_path):
    from django.urls import reverse

    from tests.factories import UserFactory
    settings.DEBUG, settings.BASE_DIR = True, tmp_path
    _letter(tmp_path / "var" / "mail", "20261204-190301-000001-Привет.eml", "Привет", "a@school.ru",
            "Ссылка: http://127.0.0.1:8000/invitation/x/y/")
    client = client_for(UserFactory(email="root@example.ru", is_superuser=True, is_staff=True))
    listing = client.get(reverse("dev_mail")).content.decode()
    assert "Привет" in listing and "a@school.ru" in listing
    letter = client.get(reverse("dev_mail_detail", args=["20261204-190301-000001-Привет.eml"]))
    assert "/invitation/x/y/" in letter.content.decode()
    assert client.get(reverse("dev_mail_detail", args=["..%2Fsecret.eml"])).status_code == 404


def test_the_letters_are_hidden_without_debug_and_from_other_people(client_for, settings, tmp_path,
                                                                    coordinator_a):
    from django.urls import reverse

    from tests.factories import UserFactory
    settings.BASE_DIR = tmp_path
    root = UserFactory(email="root@example.ru", is_superuser=True, is_staff=True)
    settings.DEBUG = False
    assert client_for(root).get(reverse("dev_mail")).status_code == 404
    settings.DEBUG = True
    assert client_for(coordinator_a).get(reverse("dev_mail")).status_code == 404
