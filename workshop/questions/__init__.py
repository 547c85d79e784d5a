"""Speakers' questions: a 'questions' step of the agenda (issue 28, point 2)."""
