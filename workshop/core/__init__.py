"""The bottom layer: the workshop's tables, codes, lookups, errors, validation and identity.

Nothing here imports a feature (docs/ARCHITECTURE.md); every feature may import it.
"""
