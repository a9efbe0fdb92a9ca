"""The round's summary report (информационная справка): plain data (`data`), built from a
round's figures (`build`), rendered to PDF by WeasyPrint (`pdf`) and to DOCX (`docx`)."""
