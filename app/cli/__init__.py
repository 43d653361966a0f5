"""The ``reviewdesk`` command line: the same core the desk uses, for scripting and tests."""
