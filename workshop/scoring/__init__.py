"""Prioritising bottlenecks: USG scores, the APKL gate, and each sector's ranking."""
