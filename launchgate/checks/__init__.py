"""The checks, one folder per family, one module per check."""
