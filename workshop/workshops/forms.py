"""Forms of the facilitator's pages. They carry CSRF and raw fields; the rules
(length, required) live in the services, whose errors are shown on the fields
(web.show_errors)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Optional


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
    # WIB unless chosen; a new workshop's form starts at the laptop's zone, by
    # the offsets (minutes ahead of UTC) given here (static/js/facilitator/new-workshop.js).
    time_zone = SelectField(
        _l("Time zone of the documents"),
        choices=[
            SelectChoice("Asia/Jakarta", _l("WIB (UTC+7)"), render_kw={"data-offset": "420"}),
            SelectChoice("Asia/Makassar", _l("WITA (UTC+8)"), render_kw={"data-offset": "480"}),
            SelectChoice("Asia/Jayapura", _l("WIT (UTC+9)"), render_kw={"data-offset": "540"}),
        ],
        default="Asia/Jakarta",
    )
    speakers = TextAreaField(
        _l("Speakers (one per line: name, role, topic)"), render_kw={"maxlength": 2000, "rows": 3}
    )
    # The activity report's signature block.
    # The city the report is signed in ("Maros"), never the venue: a letter names the city.
    report_place = StringField(_l("Signed in (city)"), render_kw={"maxlength": 200})
    report_date = DateField(
        _l("Date of the report (empty: the workshop's date)"), validators=[Optional()]
    )
    signer_position = StringField(_l("Signer's position"), render_kw={"maxlength": 200})
    signer_name = StringField(_l("Signer's name"), render_kw={"maxlength": 200})
    signer_nip = StringField(_l("Signer's NIP"), render_kw={"maxlength": 30})


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
