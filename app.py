"""Start Urai from a checkout: `python app.py` (or `make run`) serves the app on
the LAN. An installed Urai starts with `urai` (urai.py, workshop/launcher.py).

In gevent mode (the default), gevent's monkey-patching must come before
anything else imports the standard library's networking, so it is the first
thing here. WORKSHOP_ASYNC_MODE=threading skips it (measured in bench/).
"""

import os

if os.environ.get("WORKSHOP_ASYNC_MODE", "gevent") == "gevent":
    from gevent import monkey

    monkey.patch_all()

import click

from workshop import create_app
from workshop.server import serve

app = create_app()

if __name__ == "__main__":
    try:
        serve(app)
    except click.ClickException as error:  # another server holds the database
        error.show()
        raise SystemExit(error.exit_code) from None
