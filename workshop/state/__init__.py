"""State assembly, above the features: the snapshot a client catches up with, and
the `sync` event that sends it (docs/ARCHITECTURE.md)."""
