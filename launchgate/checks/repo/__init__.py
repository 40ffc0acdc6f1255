"""Repository checks: deployment configuration and monitoring, verified or attested.

They read what git tracks (``git ls-files``; content from the working tree) and the patterns in
``launchgate/data/repo/patterns.yml``. Source code is left to the semgrep rules; these checks read
env files, Dockerfiles, workflows, production config data files and platform configs.

``repo.deployment`` (Deployment config): a credential in a committed env file, an image (ENV/ARG),
a workflow or deploy configuration (platform files, tfvars, compose, Kubernetes Secrets), a
``pull_request_target`` job that runs PR code, test payment keys or a staging/test endpoint in
production config are blockers; a committed env file without credentials, a localhost endpoint in
production config, one file for several environments, an env file copied into the image and no
deploy workflow or platform config are warnings.

``repo.monitoring`` (Monitoring): no uptime monitor (monitor-as-code, or a scheduled workflow that
calls the health endpoint at least every ``repo.monitor_max_interval_minutes``) and no attested one
is a blocker; no ``preview.health`` is a warning (the probe checks that it answers).

Attestations (``attest:`` in launchgate.yml) count as info findings marked ``attested``; one older
than ``repo.attest_max_age_days`` or dated in the future is a warning.
"""
