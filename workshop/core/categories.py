"""Bottleneck categories: the nine SKM elements (PermenPANRB 14/2017) and four
service-standard components (PermenPANRB 15/2014), as in DOMAIN.md."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CATEGORIES = {
    "U1": _l("Requirements"),
    "U2": _l("Systems, mechanisms and procedures"),
    "U3": _l("Processing time (queues)"),
    "U4": _l("Costs and fees (illegal fees, brokers)"),
    "U5": _l("Service product specification"),
    "U6": _l("Staff competence"),
    "U7": _l("Staff behaviour"),
    "U8": _l("Handling of complaints and suggestions"),
    "U9": _l("Facilities and infrastructure"),
    "X1": _l("Information and access"),
    "X2": _l("Number of staff"),
    "X3": _l("Legal basis and coordination between agencies"),
    "X4": _l("Other"),
}


def category_labels() -> dict[str, str]:
    """Code to label in the current language, for pages and scripts."""
    return {code: str(label) for code, label in CATEGORIES.items()}
