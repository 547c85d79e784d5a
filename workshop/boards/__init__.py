"""Sector boards: bottleneck and solution cards, posted live."""
