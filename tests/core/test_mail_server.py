"""The tests' SMTP server is real: Django's SMTP backend delivers to it over loopback."""
from django.core.mail import EmailMultiAlternatives


def test_a_message_sent_through_the_smtp_backend_arrives_parsed(mail_server, settings):
    assert settings.EMAIL_BACKEND.endswith("smtp.EmailBackend")
    message = EmailMultiAlternatives("Напоминание о сроках", "Текст письма", "roadmaps@localhost",
                                     ["director@example.ru"])
    message.attach_alternative("<p>Текст <b>письма</b></p>", "text/html")
    message.send()

    received = mail_server.wait_for(1)[0]
    assert received.to == ["director@example.ru"]
    assert received.subject == "Напоминание о сроках"
    assert received.text.strip() == "Текст письма"
    assert "<b>письма</b>" in received.html
