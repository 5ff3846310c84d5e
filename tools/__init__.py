"""What the project's developers run, not shipped: the bench, the archive
generator, the validators (``python -m tools.bench`` from the repository)."""
