"""The ``headway`` command line: Django's commands plus Headway's own (demo, serve, ...)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "headway.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["headway", *args])


if __name__ == "__main__":
    main()
