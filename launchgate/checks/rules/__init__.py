"""Code rules: semgrep finds the patterns, launchgate turns them into scorecard findings."""
