"""Forms of the facilitator's pages. They carry CSRF and raw fields; the rules
(length, required) live in the services, whose errors are shown on the fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from ..errors import DomainError


class WorkshopForm(FlaskForm):
    title = StringField(_l("Title"), render_kw={"maxlength": 200, "required": True})
    date = DateField(_l("Date"), validators=[Optional()])
    place = StringField(_l("Place"), render_kw={"maxlength": 200})
    organiser = StringField(_l("Organiser"), render_kw={"maxlength": 200})
    language = SelectField(
        _l("Language of the documents"),
        choices=[SelectChoice("id", "Bahasa Indonesia"), SelectChoice("en", "English")],
        default="id",
    )
    speakers = TextAreaField(
        _l("Speakers (one per line: name, role, topic)"), render_kw={"maxlength": 2000, "rows": 3}
    )


class SectorForm(FlaskForm):
    name = StringField(_l("Sector name"), render_kw={"maxlength": 120, "required": True})


class CodeForm(FlaskForm):
    code = StringField(
        _l("Workshop code"),
        render_kw={
            "maxlength": 12,
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
            "required": True,
        },
    )


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


def show_errors(form: FlaskForm, err: DomainError) -> None:
    """Put a service's field errors on the form's fields, the rest on the form."""
    placed = False
    for name, message in err.fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors or []), message]
            placed = True
    if not placed:
        form.form_errors.append(err.message)
