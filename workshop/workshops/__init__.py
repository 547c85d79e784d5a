"""Workshops: creation, sectors, access links, the facilitator's page and CLI."""
