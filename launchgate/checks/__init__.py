"""The checks, one folder per family."""
