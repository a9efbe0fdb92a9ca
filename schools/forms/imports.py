from datetime import date

from django import forms

from core.forms import ImportSourceForm

from ..models import SchoolList


class SchoolListImportForm(ImportSourceForm):
    kind = forms.ChoiceField(label="Вид перечня", choices=SchoolList.Kind.choices)
    year = forms.IntegerField(label="Год", min_value=2000, max_value=2100,
                              initial=lambda: date.today().year)
    source_document = forms.CharField(label="Документ-основание", required=False, max_length=500,
                                      widget=forms.TextInput(attrs={"placeholder":
                                          "приказ министерства образования от 09.02.2024 № 217"}))

    field_order = ["kind", "year", "source_document", "file", "text"]
