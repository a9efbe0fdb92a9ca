"""Forms of the comments on school programmes: they only validate (the service checks the
same rules for every caller)."""
from __future__ import annotations

from django import forms

from core.forms import CleanTextMixin

from ..services.comments import TEXT_MAX

EMPTY = "Напишите текст комментария."


class CommentForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label="Комментарий", max_length=TEXT_MAX,
        error_messages={"required": EMPTY,
                        "max_length": f"Комментарий не длиннее {TEXT_MAX} символов "
                                      "(сейчас %(show_value)d). Сократите его или разделите на два."},
        widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(CommentForm):
    # the director's «Исправлено: …»: the text may then be empty
    fixed = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.data.get("fixed"):
            self.fields["text"].required = False
