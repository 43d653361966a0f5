"""The supervising station: completeness checks, expert assignment, review packets (no Qt)."""
