"""`urai` and `python -m urai`: start Urai, or run one of its commands.

Urai's code is the `workshop` package; this top-level module exists only so that
`python -m urai` names the program as its users know it (Python finds a module
by its import name, and renaming the package would rename every import). In
gevent mode (the default) the monkey-patching must come before anything imports
the standard library's networking, so it is the first thing here, as in app.py.
"""

import os

if os.environ.get("WORKSHOP_ASYNC_MODE", "gevent") == "gevent":
    from gevent import monkey

    monkey.patch_all()

from workshop.launcher import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
