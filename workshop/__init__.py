"""Urai: live bottleneck-identification workshops for Indonesian local governments."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from . import configure
from .config import DefaultConfig, configure_instance

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: defaults, instance config, environment, then extensions."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("WORKSHOP_INSTANCE_PATH") or str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
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
