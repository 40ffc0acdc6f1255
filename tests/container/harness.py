"""Run the built image's entrypoint as the Actions runner would, and check what a user sees.

Called by tests/container/run.sh with the image name. Builds a test repository with a fake
secret in its history, owned by another user id; mounts it, the event file and the
GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files where the runner puts them; passes the README
workflow's inputs (tests/container/workflow.yml) the way the runner does; then asserts the
exit code, the outputs, the summary, the time to the first line and that no secret leaks.
"""

from __future__ import annotations

import json
import re
import secrets
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
RUNNER_UID = 1001  # the runner's user; the container runs as root, so git sees another owner
FIRST_LINE_SECONDS = 5.0
PR_NUMBER = 7


def fake_secret() -> str:
    """A fresh AWS-style access key id: fake, and different on every run."""
    return "AKIA" + "".join(secrets.choice(string.ascii_uppercase + "234567") for _ in range(16))


def fake_token() -> str:
    """A fresh value shaped like an installation token."""
    return "ghs_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "HOME": str(repo)}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode().strip()


def commit(repo: Path, message: str, files: Mapping[str, str | None]) -> str:
    """Write (or delete, for ``None``) files and commit them; returns the commit."""
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def build_repository(repo: Path, secret: str) -> tuple[str, str]:
    """main with a config; a feature branch that adds the secret and removes it again."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    base = commit(
        repo, "start", {"README.md": "# shop bot\n", "launchgate.yml": "fail_on: blocker\n"}
    )
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, "add settings", {"config/app.py": f'AWS_ACCESS_KEY_ID = "{secret}"\n'})
    head = commit(repo, "read the key from the environment", {"config/app.py": None})
    return base, head


def pull_request_event(base: str, head: str) -> dict[str, Any]:
    repo = {"full_name": "acme/shop-bot", "name": "shop-bot", "owner": {"login": "acme"}}
    pr = {
        "number": PR_NUMBER,
        "base": {"ref": "main", "sha": base, "repo": repo},
        "head": {"ref": "feature", "sha": head, "repo": repo},
    }
    return {"action": "synchronize", "number": PR_NUMBER, "pull_request": pr, "repository": repo}


def workflow_step() -> dict[str, Any]:
    """The launchgate step of the README's workflow."""
    workflow = yaml.safe_load((ROOT / "tests/container/workflow.yml").read_text())
    steps = workflow["jobs"]["gate"]["steps"]
    return next(step for step in steps if step.get("id") == "launchgate")


def expand(value: Any, context: Mapping[str, str]) -> str:
    """Evaluate the ``${{ name }}`` expressions the example uses; unknown ones are empty."""
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: context.get(m.group(1), ""), str(value))


def runner_inputs(context: Mapping[str, str]) -> dict[str, str]:
    """``INPUT_*`` as the runner sets them: every declared input, defaults filled in."""
    declared = yaml.safe_load((ROOT / "action.yml").read_text())["inputs"]
    given = workflow_step()["with"]
    values = {name: given.get(name, spec.get("default", "")) for name, spec in declared.items()}
    return {f"INPUT_{name.upper()}": expand(v, context) for name, v in values.items()}


def runner_env(head: str, api_url: str, files: Mapping[str, str]) -> dict[str, str]:
    """The ``GITHUB_*`` variables a container action gets on a pull_request run."""
    return {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "HOME": "/github/home",
        "RUNNER_OS": "Linux",
        "GITHUB_WORKSPACE": "/github/workspace",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": "/github/workflow/event.json",
        "GITHUB_REPOSITORY": "acme/shop-bot",
        "GITHUB_REF": f"refs/pull/{PR_NUMBER}/merge",
        "GITHUB_SHA": head,
        "GITHUB_BASE_REF": "main",
        "GITHUB_HEAD_REF": "feature",
        "GITHUB_API_URL": api_url,
        "GITHUB_OUTPUT": files["output"],
        "GITHUB_STEP_SUMMARY": files["summary"],
    }


class ApiHandler(BaseHTTPRequestHandler):
    """Answers like GitHub's REST API for the comment calls and records every request."""

    log: list[str] = []

    def _answer(self, status: int, body: object) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.log.append(f"{self.command} {self.path} {self.rfile.read(length).decode()}")
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
        self._answer(200, [])

    def do_POST(self) -> None:  # noqa: N802
        self._answer(201, {"id": 1, "body": ""})

    def do_PATCH(self) -> None:  # noqa: N802
        self._answer(200, {"id": 1, "body": ""})

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def fake_github_api() -> Iterator[tuple[str, list[str]]]:
    """A local stand-in for the GitHub API on 127.0.0.1; yields its URL and request log."""
    ApiHandler.log = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), ApiHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", ApiHandler.log
    finally:
        server.shutdown()


class Container:
    """A working container of the image, run with ``buildah run --isolation chroot``."""

    def __init__(self, image: str) -> None:
        self.image = image
        self.name = subprocess.run(
            ["buildah", "from", "--quiet", image], check=True, capture_output=True, text=True
        ).stdout.strip()

    def entrypoint(self) -> list[str]:
        """The image's ENTRYPOINT, as the runner starts it."""
        out = subprocess.run(
            ["buildah", "inspect", "--type", "image", self.image],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        entry: list[str] = json.loads(out)["OCIv1"]["config"]["Entrypoint"]
        return entry

    def command(
        self, argv: list[str], env: Mapping[str, str], mounts: Mapping[str, str]
    ) -> list[str]:
        cmd = ["buildah", "run", "--isolation", "chroot", "--workingdir", "/github/workspace"]
        for host, inside in mounts.items():
            cmd += ["--volume", f"{host}:{inside}"]
        for name, value in env.items():
            cmd += ["--env", f"{name}={value}"]
        return [*cmd, self.name, "--", *argv]

    def remove(self) -> None:
        subprocess.run(["buildah", "rm", self.name], check=True, capture_output=True)


BUILDAH_NOISE = re.compile(r"^(subprocess exited with status \d+|Error: exit status \d+)$")


def run_timed(cmd: list[str]) -> tuple[int, str, str, float]:
    """Run; returns the exit code, stdout, stderr (less buildah's own lines) and the seconds
    until the first line a person sees (workflow commands such as ``::add-mask::`` are hidden).
    """
    started, first_at = time.monotonic(), float("inf")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(proc.stderr))  # type: ignore[arg-type]
    reader.start()
    out = []
    for line in proc.stdout:
        if not line.startswith("::") and first_at == float("inf"):
            first_at = time.monotonic() - started
        out.append(line)
    reader.join()
    err = "".join(line for line in errors if not BUILDAH_NOISE.match(line.strip()))
    return proc.wait(), "".join(out), err, first_at


def read_outputs(path: Path) -> dict[str, str]:
    """``name=value`` and ``name<<DELIMITER`` lines of a GITHUB_OUTPUT file."""
    outputs, lines = {}, iter(path.read_text().splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, marker = line.split("<<", 1)
            outputs[name] = "\n".join(iter(lambda: next(lines), marker))
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


class Checker:
    """Collects failed expectations so one run reports all of them."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def expect(self, ok: bool, what: str) -> None:
        print(f"container-test: {'ok  ' if ok else 'FAIL'} {what}", file=sys.stderr)
        if not ok:
            self.failures.append(what)


def check_gate_run(
    check: Checker, work: Path, result: tuple[int, str, str, float], secret: str, token: str
) -> None:
    code, out, err, first_at = result
    outputs = read_outputs(work / "file_commands/set_output")
    summary = (work / "file_commands/step_summary").read_text()
    visible = [line for line in out.splitlines() if not line.startswith("::")]
    first_line = visible[0] if visible else ""

    check.expect(first_at < FIRST_LINE_SECONDS, f"first line after {first_at:.2f} s")
    check.expect(
        first_line.startswith(
            f"launchgate: scanning /github/workspace for pull request #{PR_NUMBER}"
        ),
        f"first line names the workspace and the pull request: {first_line!r}",
    )
    check.expect(f"::add-mask::{token}" in out.splitlines(), "the token input is masked")
    git_words = ("dubious ownership", "checkout is shallow", "is not in the checkout")
    trouble = [line for line in out.splitlines() if any(w in line for w in git_words)]
    check.expect(not trouble, f"git reads the workspace owned by another user: {trouble}")
    check.expect(code in (0, 1), f"exit code {code} is the gate's (stderr: {err.strip()[-300:]!r})")
    check.expect(
        outputs.get("verdict") in ("pass", "fail"), f"verdict output: {outputs.get('verdict')!r}"
    )
    check.expect(
        code == (1 if outputs.get("verdict") == "fail" else 0), "exit code matches the verdict"
    )
    for name in ("blockers", "warnings"):
        check.expect(outputs.get(name, "").isdigit(), f"{name} output: {outputs.get(name)!r}")
    check_report(check, work, outputs)
    check.expect(summary.strip() != "", f"step summary written ({len(summary)} characters)")
    check.expect(f"verdict {outputs.get('verdict')}" in err, "the log says the verdict")


def check_report(check: Checker, work: Path, outputs: Mapping[str, str]) -> None:
    name = outputs.get("report_json", "")
    report = work / "workspace" / name
    check.expect(bool(name) and report.is_file(), f"report_json output names a file: {name!r}")
    if bool(name) and report.is_file():
        data = json.loads(report.read_text())
        check.expect(data.get("verdict") == outputs.get("verdict"), "the report's verdict matches")
        check.expect(
            str(data["summary"]["blockers"]) == outputs.get("blockers"), "blocker counts match"
        )


def check_no_leak(
    check: Checker, work: Path, texts: Mapping[str, str], secret: str, token: str
) -> None:
    """Neither value in any file the run left, the log, or what it sent to the API."""
    files = {
        str(p.relative_to(work)): p
        for p in work.rglob("*")
        if p.is_file() and ".git" not in p.parts
    }
    everything = dict(texts) | {name: p.read_text(errors="replace") for name, p in files.items()}
    for name, text in everything.items():
        check.expect(secret not in text, f"no secret in {name}")
        unmasked = [
            line
            for line in text.splitlines()
            if token in line and not line.startswith("::add-mask::")
        ]
        check.expect(not unmasked, f"no token in {name}")


def check_image(check: Checker, ctr: Container) -> None:
    """launchgate runs from the source tree at /app, so it finds rules/ and examples/."""
    script = (
        "import launchgate, launchgate.resources as r, pathlib;"
        "print(launchgate.__file__);"
        "[print(f(), f().is_dir()) for f in (r.rules_dir, r.examples_dir)"
        " if pathlib.Path('/app', f.__name__[:-4]).is_dir()]"
    )
    done = subprocess.run(
        ctr.command(["python", "-c", script], {}, {}), capture_output=True, text=True
    )
    lines = done.stdout.splitlines()
    check.expect(
        lines[:1] == ["/app/launchgate/__init__.py"], f"package imported from /app: {lines[:1]}"
    )
    expected = [f"/app/{d} True" for d in ("rules", "examples") if (ROOT / d).is_dir()]
    check.expect(lines[1:] == expected, f"rules/ and examples/ found in the image: {lines[1:]}")
    no_config = ctr.command(
        ["sh", "-c", "test ! -e /root/.gitconfig && test ! -e /etc/gitconfig"], {}, {}
    )
    check.expect(
        subprocess.run(no_config).returncode == 0, "no git config file written in the image"
    )


def check_setup(check: Checker, ctr: Container, work: Path, planted: bool) -> None:
    """The test would prove nothing if the secret were not in the history or git trusted all."""
    check.expect(planted, "the fake secret is in the test repository's history")
    plain_git = ["git", "-C", "/github/workspace", "rev-parse", "HEAD"]
    mount = {str(work / "workspace"): "/github/workspace"}
    done = subprocess.run(ctr.command(plain_git, {}, mount), capture_output=True, text=True)
    check.expect("dubious ownership" in done.stderr, "without the entrypoint, git distrusts it")


def check_bad_input(
    check: Checker, ctr: Container, env: Mapping[str, str], mounts: Mapping[str, str]
) -> None:
    bad = dict(env) | {"INPUT_FAIL_ON": "sometimes"}
    code, out, err, _ = run_timed(ctr.command(ctr.entrypoint(), bad, mounts))
    lines = err.strip().splitlines()
    check.expect(code == 2, f"a bad input exits 2 (got {code})")
    check.expect(len(lines) == 1 and "fail_on" in lines[0], f"with one line naming it: {lines}")


def prepare(work: Path, secret: str) -> tuple[str, dict[str, str], bool]:
    """The workspace, event and file-command folders, owned by the runner's user id."""
    base, head = build_repository(work / "workspace", secret)
    planted = secret in git(work / "workspace", "log", "-p", "--all")
    for folder in ("workflow", "file_commands", "home"):
        (work / folder).mkdir()
    (work / "workflow/event.json").write_text(json.dumps(pull_request_event(base, head)))
    for name in ("set_output", "step_summary"):
        (work / "file_commands" / name).touch()
    subprocess.run(["chown", "-R", f"{RUNNER_UID}:{RUNNER_UID}", str(work)], check=True)
    mounts = {
        str(work / d): f"/github/{d}" for d in ("workspace", "workflow", "file_commands", "home")
    }
    return head, mounts, planted


def main(image: str) -> int:
    check, secret, token = Checker(), fake_secret(), fake_token()
    files = {
        "output": "/github/file_commands/set_output",
        "summary": "/github/file_commands/step_summary",
    }
    with tempfile.TemporaryDirectory() as tmp, fake_github_api() as (api_url, requests):
        work = Path(tmp)
        head, mounts, planted = prepare(work, secret)
        env = runner_env(head, api_url, files)
        env |= runner_inputs({"github.token": token})
        ctr = Container(image)
        try:
            result = run_timed(ctr.command(ctr.entrypoint(), env, mounts))
            print(result[1] + result[2], file=sys.stderr)
            check_gate_run(check, work, result, secret, token)
            check_no_leak(
                check,
                work,
                {"stdout": result[1], "stderr": result[2], "api": "\n".join(requests)},
                secret,
                token,
            )
            check_image(check, ctr)
            check_setup(check, ctr, work, planted)
            check_bad_input(check, ctr, env, mounts)
        finally:
            ctr.remove()
    print(f"container-test: {len(check.failures)} failed", file=sys.stderr)
    return 1 if check.failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
