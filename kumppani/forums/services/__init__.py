"""Writes for forums (split by domain); import from the submodules."""
