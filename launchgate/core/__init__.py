"""The core: findings, rows, the check interface, the runner and the scorecard."""
