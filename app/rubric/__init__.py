"""Rubric format and scoring engine (no Qt). Filled in by the rubrics issue."""
