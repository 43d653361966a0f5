"""ReviewDesk (案卷评审台): offline review and scoring of environmental-enforcement case files."""

__version__ = "0.1.0"
APP_NAME = "ReviewDesk"
