"""Reporters: they only read the scorecard and turn it into text."""
