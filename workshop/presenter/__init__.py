"""The presenter view shown on the projector."""
