"""Findings no single reviewer can see: copied records, leftover names, impossible schedules.

Each expert sees a handful of case files; the station sees them all. This package reads every
inspection and inquiry record in the store and compares them across case files. It is Qt-free;
``reviewdesk crosscheck`` and the desk show what it finds.
"""
