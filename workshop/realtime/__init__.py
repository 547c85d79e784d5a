"""Real time: the event log, the one broadcast helper, resync, socket auth."""
