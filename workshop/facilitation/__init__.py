"""Facilitation: phases, the timer, locks, reveal, anonymity and the steering links."""
