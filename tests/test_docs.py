"""Docs land with the code: every command and every problem code is in the README."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.main import build_parser
from app.problems import all_codes

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "reviewdesk") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found.extend(_commands(sub, f"{prefix} {name}"))
    return found


def test_every_command_is_documented() -> None:
    missing = [c for c in _commands(build_parser()) if f"`{c}" not in README]
    assert missing == []


def test_every_problem_code_is_documented() -> None:
    missing = [code for code in all_codes() if f"`{code}`" not in README]
    assert missing == []


def test_readme_opens_with_the_two_commands() -> None:
    blocks = README.split("```")
    first_code = blocks[1]
    assert "reviewdesk demo" in first_code
    assert "pytest" in first_code
