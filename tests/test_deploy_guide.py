"""The deployment guide (docs/deploy.md) keeps up with the code: every environment variable
Headway reads is documented (there or in the README's configuration table), and every
``headway`` command it tells an operator to run exists with the options it gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "deploy.md").read_text()
README = (ROOT / "README.md").read_text()
# env_str("NAME"), env_bool("NAME", ...), os.environ.get("NAME"), os.environ["NAME"]
READS = re.compile(r"""(?:env_\w+\(|os\.environ(?:\.get\(|\[))\s*["']([A-Z][A-Z0-9_]+)["']""")
# Variables that are the machinery's, not an operator's.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "HEADWAY_SERVING_URL", "RUN_MAIN"}


def _variables_read() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "headway").rglob("*.py"):
        if "bench" in path.parts:  # benchmarks set up sites of their own
            continue
        found |= set(READS.findall(path.read_text()))
    return found - NOT_SETTINGS


def test_it_finds_the_settings_headway_reads() -> None:
    assert {"DATABASE_URL", "SECRET_KEY", "WEB_CONCURRENCY", "LOG_LEVEL"} <= _variables_read()


@pytest.mark.parametrize("name", sorted(_variables_read()))
def test_every_environment_variable_is_documented(name: str) -> None:
    assert f"`{name}`" in GUIDE or f"`{name}`" in README, (
        f"{name} is read by Headway but documented neither in docs/deploy.md nor in README.md"
    )


COMMANDS = sorted(set(re.findall(r"(?:^\s*|`)(?:\S+/)?headway ([a-z_]+)([^\n|;)`]*)", GUIDE, re.M)))


def test_it_finds_the_guide_s_commands() -> None:
    assert {"migrate", "serve", "worker", "backup", "restore"} <= {c for c, _ in COMMANDS}


@pytest.mark.parametrize("command,arguments", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_in_the_guide_exists_with_its_options(command: str, arguments: str) -> None:
    app = get_commands().get(command)
    assert app is not None, f"docs/deploy.md runs `headway {command}`, which does not exist"
    parser = load_command_class(app, command).create_parser("headway", command)
    known = {option for action in parser._actions for option in action.option_strings}
    for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", arguments):
        assert option in known, f"`headway {command}` has no option {option}"
