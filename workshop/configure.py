"""The app factory's small set-up steps, one function each."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, Response, render_template, request, session
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

# Every table, known before the first query, and every socket handler, each
# registered on `socketio` as its module is imported.
from . import assets, dbwrites, i18n, models, ratelimit  # noqa: F401
from .assessments import events as _assessments_events  # noqa: F401
from .assessments.views import bp as assessments_bp
from .attendance import events as _attendance_events  # noqa: F401
from .attendance.views import bp as attendance_bp
from .boards import events as _boards_events  # noqa: F401
from .boards.views import bp as boards_bp
from .causes import events as _causes_events  # noqa: F401
from .cli import workshop_cli
from .core.errors import DomainError
from .dbwrites import configure_sqlite
from .exports.views import bp as exports_bp
from .extensions import babel, csrf, db, migrate, socketio
from .facilitation import events as _facilitation_events  # noqa: F401
from .followup import events as _followup_events  # noqa: F401
from .followup.views import bp as followup_bp
from .moderation import events as _moderation_events  # noqa: F401
from .participants import events as _participants_events  # noqa: F401
from .participants.views import bp as participants_bp
from .plans import events as _plans_events  # noqa: F401
from .polls import events as _polls_events  # noqa: F401  # poll, wordcloud
from .presenter import events as _presenter_events  # noqa: F401
from .presenter.views import bp as presenter_bp
from .proposals import events as _proposals_events  # noqa: F401
from .proposals.views import bp as proposals_bp
from .questions import events as _questions_events  # noqa: F401  # issue 28: questions
from .realtime import batches
from .realtime import events as _realtime_events  # noqa: F401
from .realtime.frames import Frame, SocketErrors, quiet_library_logs
from .realtime.sessions import SocketAwareSessionInterface
from .scoring import events as _scoring_events  # noqa: F401
from .similar import boards as similar_boards
from .similar import events as _similar_events  # noqa: F401
from .state import events as _state_events  # noqa: F401
from .voting import events as _voting_events  # noqa: F401
from .workshops.views import bp as workshops_bp

log = logging.getLogger(__name__)
MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")


def extensions(app: Flask) -> None:
    """Bind the database, migrations, Socket.IO, translations and CSRF to `app`."""
    app.session_interface = SocketAwareSessionInterface()
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
    dbwrites.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(Path(__file__).resolve().parent / "translations"),
    )
    app.add_template_filter(i18n.workshop_dates, "workshop_dates")
    csrf.init_app(app)
    ratelimit.init_app(app)
    assets.init_app(app)
    similar_boards.init_app(app)
    batches.init_app(app)
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    # Every socket handler registered itself on `socketio` when its module was
    # imported (at the top of this file), before init_app binds it to this app.
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config.get("MESSAGE_QUEUE"),
        # Same-origin only: a page on another site cannot open a socket with
        # a participant's cookie.
        cors_allowed_origins=None,
        max_http_buffer_size=app.config["MAX_SOCKET_MESSAGE"],
        logger=False,
        engineio_logger=False,
        # Junk frames become a clear `invalid` answer, not a traceback (frames.py).
        serializer=Frame,
    )
    quiet_library_logs()
    app.wsgi_app = SocketErrors(app.wsgi_app)  # type: ignore[method-assign]
    if proxies:
        # Outermost, so Engine.IO and Flask both see the phone's address.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )


def blueprints(app: Flask) -> None:
    """Register the pages of each feature."""

    for bp in (
        workshops_bp,
        participants_bp,
        boards_bp,
        presenter_bp,
        proposals_bp,
        exports_bp,
        followup_bp,
        attendance_bp,
        assessments_bp,
    ):
        app.register_blueprint(bp)
    app.jinja_env.globals["languages"] = i18n.LANGUAGES
    app.jinja_env.globals["current_language"] = i18n.current_language

    @app.before_request
    def _remember_language() -> None:
        lang = request.args.get("lang")
        if lang in i18n.LANGUAGES:
            session["lang"] = lang


def security(app: Flask) -> None:
    """Headers that keep pages from running foreign script or being framed."""

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def errors(app: Flask) -> None:
    """Friendly pages for every error; never a stack trace."""

    def page(status: int, title: str, message: str) -> tuple[str, int]:
        return render_template("errors/error.html", title=title, message=message), status

    @app.errorhandler(DomainError)
    def _domain(err: DomainError) -> tuple[str, int]:
        if err.code == "rate_limited":
            return page(429, _("Slow down"), err.message)
        return page(err.http_status, _("Something is not right"), err.message)

    @app.errorhandler(CSRFError)
    def _csrf(_err: CSRFError) -> tuple[str, int]:
        return page(
            400,
            _("The form has expired"),
            _("Please go back, reload the page and send the form again."),
        )

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException) -> tuple[str, int]:
        status = err.code or 500
        if status == 404:
            return page(404, _("Page not found"), _("Check the address or the workshop code."))
        if status == 413:
            return page(413, _("Too much data"), _("What you sent is too large."))
        return page(status, _("Request not accepted"), _("Please go back and try again."))

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> tuple[str, int]:
        log.exception("unexpected error", exc_info=err)
        db.session.rollback()
        return page(
            500,
            _("Something went wrong"),
            _("Please try again in a moment. If it happens again, tell the facilitator."),
        )


def cli(app: Flask) -> None:
    """Add the `flask workshop ...` commands."""
    app.cli.add_command(workshop_cli)
