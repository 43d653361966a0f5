"""The local store and domain objects. No Qt here: everything runs and tests headless."""
