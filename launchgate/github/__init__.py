"""Everything that knows about GitHub: the event, outputs, summary, annotations, the PR comment."""
