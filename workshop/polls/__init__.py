"""Polls and word clouds: steps of the agenda that phones answer and the projector draws."""
