"""Moderation: edit, hide, delete and restore, move, approve, merge and group cards."""
