"""A generated campaign with known truth for the cross-case checks (see ``generate``)."""
