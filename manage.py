#!/usr/bin/env python
"""Django's usual entry point; `headway` (the console script) does the same."""

from headway.cli import main

if __name__ == "__main__":
    main()
