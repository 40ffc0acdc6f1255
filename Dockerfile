# The launchgate container action: Python 3.11, git, and launchgate in a virtual environment.
# Stages: `base` holds only what runs (python, git); `deps` fills the virtual environment with
# the dependencies pinned in pyproject.toml; the final image copies it and adds the source tree.
# No compiler is ever installed, and no pip cache or build environment is left behind.
# Works on the official slim image and on any Debian base with python3 and python3-venv.
FROM python:3.11-slim-bookworm AS base
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/*

FROM base AS deps
RUN python3 -m venv /opt/venv
WORKDIR /build
COPY pyproject.toml pyproject.toml
# The runtime dependencies and the build backend, read from pyproject.toml.
RUN python3 -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb')); print('\n'.join(p['project']['dependencies'] + p['build-system']['requires']))" > requirements.txt \
    && /opt/venv/bin/pip install --quiet -r requirements.txt

FROM base
# This layer changes only with pyproject.toml; the source tree below changes often.
COPY --from=deps /opt/venv /opt/venv
# The source tree stays at /app (an editable install), so launchgate finds rules/ and examples/.
COPY . /app
RUN /opt/venv/bin/pip install --quiet --no-deps --no-build-isolation --editable /app \
    && /opt/venv/bin/python -m compileall -q /app/launchgate /app/entrypoint.py \
    && /opt/venv/bin/python -c "import launchgate.resources as r, pathlib; assert pathlib.Path(r.__file__).is_relative_to('/app'), r.__file__"
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /github/workspace
# Container actions run as root; entrypoint.py makes git trust the workspace for one run.
ENTRYPOINT ["/opt/venv/bin/python", "/app/entrypoint.py"]
