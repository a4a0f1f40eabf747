"""Fixtures of the review tests: a git repository with a small plan (see gitrepo.py)."""

from tests.review.gitrepo import repo_fixture

__all__ = ["repo_fixture"]
