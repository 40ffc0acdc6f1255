"""Secret handling: git history, the working tree, and built bundles with their source maps."""
