"""Urai: live bottleneck-identification workshops for Indonesian local governments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import configure
from .config import DefaultConfig, configure_instance, instance_path, shipped


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: defaults, instance config, environment, then extensions."""
    app = Flask(
        __name__,
        instance_path=str(instance_path()),
        instance_relative_config=True,
        template_folder=str(shipped("templates")),
        static_folder=str(shipped("static")),
    )
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("WORKSHOP")
    if test_config:
        app.config.update(test_config)
    configure_instance(app)

    configure.extensions(app)
    configure.blueprints(app)
    configure.security(app)
    configure.errors(app)
    configure.cli(app)
    return app
