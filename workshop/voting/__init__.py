"""Dot voting on bottlenecks and solutions, with a budget and a cap."""
