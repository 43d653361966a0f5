"""Data files shipped with ReviewDesk (rubrics, translations, icons), read via importlib.resources."""
