"""Participants: joining from a phone, the roster (daftar hadir)."""
