"""Printed output: the expert's PDF score sheet and the station's PDF and xlsx reports (no Qt)."""
