"""Periodic jobs for the tests: one that does nothing (its runs are counted in the task
queue), one that fails."""


def nothing():
    return None


def fail():
    raise RuntimeError("the job failed on purpose")
