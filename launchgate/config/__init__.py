"""Configuration: `launchgate.yml`, validated, with CLI overrides and `${NAME}` expansion."""

from launchgate.config.loader import load_config
from launchgate.config.schema import Config

__all__ = ["Config", "load_config"]
