class BenchError(Exception):
    """The benchmark could not be run (set-up failed, the site does not answer)."""
