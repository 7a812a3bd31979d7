"""Passerelles: a static-site generator for the métiers de l'autonomie.

The pipeline reads in the module names: source (load) → schema (validate) →
models → graph → site (the whole consistent model) → render → writer, driven
by cli.
"""

__version__ = "0.1.0"
