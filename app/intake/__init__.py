"""Intake: read discs, images, zips and files into the store, and find the case files."""
