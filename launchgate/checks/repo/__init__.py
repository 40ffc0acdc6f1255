"""Repository checks: deployment configuration and monitoring, verified or attested."""
