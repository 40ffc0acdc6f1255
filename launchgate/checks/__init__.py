"""The check families: one folder each, one module per check."""
