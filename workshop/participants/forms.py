"""The join form a phone fills in: name, agency (OPD), position, sector."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField


class JoinForm(FlaskForm):
    name = StringField(
        _l("Name"), render_kw={"maxlength": 80, "required": True, "autocomplete": "name"}
    )
    agency = StringField(
        _l("Agency (OPD)"),
        render_kw={"maxlength": 120, "required": True, "autocomplete": "organization"},
    )
    position = StringField(
        _l("Position"), render_kw={"maxlength": 80, "autocomplete": "organization-title"}
    )
    # Made once per form: resubmitting the same form joins once (see services.join).
    join_token = HiddenField()
    # Choices come from the workshop; the service checks the sector belongs to it.
    sector_id = RadioField(_l("Sector"), coerce=int, validate_choice=False)
