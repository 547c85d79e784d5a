"""Start Urai: `python app.py` (or `make run`) serves the app on the LAN.

In gevent mode (the default), gevent's monkey-patching must come before
anything else imports the standard library's networking, so it is the first
thing here. WORKSHOP_ASYNC_MODE=threading skips it (measured in bench/).
"""

import os

if os.environ.get("WORKSHOP_ASYNC_MODE", "gevent") == "gevent":
    from gevent import monkey

    monkey.patch_all()

from workshop import create_app
from workshop.server import serve

app = create_app()

if __name__ == "__main__":
    serve(app)
