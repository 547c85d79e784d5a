"""Start Urai: `python app.py` (or `make run`) serves the app on the LAN.

gevent's monkey-patching must come before anything else imports the standard
library's networking, so it is the first thing here.
"""

from gevent import monkey

monkey.patch_all()

from workshop import create_app  # noqa: E402
from workshop.server import serve  # noqa: E402

app = create_app()

if __name__ == "__main__":
    serve(app)
