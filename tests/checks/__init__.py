"""Tests of the checks, one folder per family."""
