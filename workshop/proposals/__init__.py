"""KIPP proposal workspace: a promoted innovation idea drafted section by section
by its sector's group and the facilitator, live, with its checklist and score."""
