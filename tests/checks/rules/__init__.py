"""Tests of the code-rule check."""
