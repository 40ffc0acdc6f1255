"""launchgate's error hierarchy: adapters raise these, the CLI catches them once."""

from __future__ import annotations


class LaunchgateError(Exception):
    """Base of every error launchgate raises on purpose; the message is one line for the user."""

    exit_code = 3


class UsageError(LaunchgateError):
    """The command line was wrong: exit code 2."""

    exit_code = 2


class ConfigError(LaunchgateError):
    """The configuration file or a variable it names is wrong: exit code 2."""

    exit_code = 2


class CheckError(LaunchgateError):
    """A check could not run (target down, tool missing); its row becomes ``error``."""


class ToolError(LaunchgateError):
    """launchgate itself failed (a tool it needs broke): exit code 3."""
