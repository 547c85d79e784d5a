"""Action plans: the action-plan matrix columns of a proposed solution."""
