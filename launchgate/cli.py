"""The command line: ``launchgate scan`` and ``launchgate demo``; errors are caught here, once."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from typing import NoReturn

from launchgate import __version__
from launchgate.core.findings import Family
from launchgate.errors import LaunchgateError, UsageError

log = logging.getLogger("launchgate")

EXIT_PASS, EXIT_BLOCKERS, EXIT_USAGE, EXIT_TOOL = 0, 1, 2, 3
FORMATS = ("markdown", "json", "sarif")
FAIL_ON = ("blocker", "warning", "never")
HISTORY = ("full", "pr", "skip")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _env(name: str, env: Mapping[str, str]) -> str | None:
    return env.get("LAUNCHGATE_" + name.upper().replace("-", "_")) or None


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = (_env(name, env) or "").strip().lower()
    if value not in _TRUE | _FALSE:
        variable = "LAUNCHGATE_" + name.upper().replace("-", "_")
        raise UsageError(f"{variable}: '{value}' is not one of true, false (or 1, 0, yes, no)")
    return value in _TRUE


def _env_choice(env: Mapping[str, str], name: str, choices: Sequence[str]) -> str | None:
    """A flag's default from ``LAUNCHGATE_<FLAG>``, held to the flag's own choices."""
    value = _env(name, env)
    if value is not None and value not in choices:
        variable = "LAUNCHGATE_" + name.upper().replace("-", "_")
        raise UsageError(f"{variable}: '{value}' is not one of {', '.join(choices)}")
    return value


def build_parser(env: Mapping[str, str]) -> argparse.ArgumentParser:
    """The parser; every flag's default comes from ``LAUNCHGATE_<FLAG>``."""
    parser = _Parser(prog="launchgate", description="Is this AI chatbot product safe to launch?")
    parser.add_argument("--version", action="version", version=f"launchgate {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="-v info, -vv debug")
    # -v is also accepted after the command; SUPPRESS keeps a later default from resetting it.
    verbose = _Parser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, required=True)

    scan = sub.add_parser(
        "scan", parents=[verbose], help="run the gate on a repository and its preview"
    )
    scan.add_argument("path", nargs="?", default=_env("path", env) or ".")
    scan.add_argument("--config", default=_env("config", env), help="launchgate.yml to use")
    scan.add_argument("--preview-url", default=_env("preview-url", env))
    scan.add_argument("--only", default=_env("only", env), help="families: " + _families())
    scan.add_argument(
        "--format", choices=FORMATS, default=_env_choice(env, "format", FORMATS) or "markdown"
    )
    scan.add_argument("--output", default=_env("output", env), help="file to write (stdout if -)")
    scan.add_argument("--sarif-file", default=_env("sarif-file", env), help="also write SARIF here")
    scan.add_argument("--fail-on", choices=FAIL_ON, default=_env_choice(env, "fail-on", FAIL_ON))
    scan.add_argument("--history", choices=HISTORY, default=_env_choice(env, "history", HISTORY))
    scan.add_argument("--bundles", default=_env("bundles", env), help="comma-separated folders")
    scan.add_argument("--github-token", default=_env("github-token", env))
    scan.add_argument("--no-comment", action="store_true", default=_flag(env, "no-comment"))

    baseline = sub.add_parser(
        "baseline", parents=[verbose], help="accept today's secret findings in a baseline"
    )
    baseline.add_argument("path", nargs="?", default=_env("path", env) or ".")
    baseline.add_argument("--config", default=_env("config", env), help="launchgate.yml to use")
    baseline.add_argument(
        "--output", help="file to write (default: secrets.baseline, else .launchgate-baseline.json)"
    )

    demo = sub.add_parser(
        "demo", parents=[verbose], help="run the whole gate on the built-in example"
    )
    demo.add_argument("--fixed", action="store_true", default=_flag(env, "fixed"))
    demo.add_argument("--output", default=_env("output", env), help="where the scorecard goes")
    return parser


def _families() -> str:
    return ",".join(str(f) for f in Family)


def parse_only(text: str | None) -> frozenset[Family]:
    """``--only secrets,probe`` as families; every family when not given."""
    if not text:
        return frozenset(Family)
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in {str(f) for f in Family}]
    if unknown:
        raise UsageError(f"--only: unknown family '{unknown[0]}' (choose from {_families()})")
    return frozenset(Family(n) for n in names)


def _setup_logging(verbosity: int, env: Mapping[str, str]) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    if (override := _env("log-level", env)) is not None:
        level = logging.getLevelName(override.upper())
        if not isinstance(level, int):
            level = logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("launchgate: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Entry point: returns the exit code (0 pass, 1 blockers, 2 usage/config, 3 tool failure)."""
    env = os.environ if env is None else env
    try:
        args, extra = build_parser(env).parse_known_args(argv)
        if extra:
            hint = f"see 'launchgate {args.command} --help'"
            raise UsageError(f"unrecognized arguments: {' '.join(extra)} ({hint})")
        _setup_logging(args.verbose, env)
        if args.command == "demo":
            from launchgate.demo.run import run_demo

            return run_demo(fixed=args.fixed, output=args.output, env=env)
        if args.command == "baseline":
            from launchgate.checks.secrets.baseline_command import run_baseline

            return run_baseline(args, env)
        from launchgate.scan import run_scan

        return run_scan(args, env)
    except LaunchgateError as exc:
        print(f"launchgate: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("launchgate: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, the frames only at -vv, never the message
        print(f"launchgate: internal error ({type(exc).__name__}); rerun with -vv", file=sys.stderr)
        log.debug("".join(traceback.format_tb(exc.__traceback__)))
        return EXIT_TOOL
