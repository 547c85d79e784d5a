"""The follow-up plan (Rencana Tindak Lanjut) and the workshop's life cycle."""
