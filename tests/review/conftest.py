"""Fixtures of the review tests: a git repository with a small plan (see tests/helpers/gitrepo.py)."""

from tests.helpers.gitrepo import repo_fixture

__all__ = ["repo_fixture"]
