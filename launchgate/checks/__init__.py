"""The built-in checks, one folder per family."""
