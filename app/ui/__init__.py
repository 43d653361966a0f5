"""Qt widgets: a thin layer over the Qt-free core."""
