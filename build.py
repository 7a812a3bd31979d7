"""Passerelles command line: python build.py build | check | serve | new."""

import sys

from passerelles.cli import main

if __name__ == "__main__":
    sys.exit(main())
