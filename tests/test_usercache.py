"""planops's cache folder: used only when it is the user's own; facts kept while their stamp holds."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from planops import usercache
from planops.usercache import Remembered, remembered

REAL_FOLDER = usercache.folder


def test_facts_are_kept_across_runs_while_the_stamp_is_the_same(own_cache: Path) -> None:
    calls: list[int] = []

    def work(n: int) -> tuple[int, int]:
        calls.append(n)
        return (n, n * 2)

    first = remembered(Remembered("facts", lambda: "v1"), tuple, list)(work)
    assert first(3) == (3, 6) and calls == [3]
    again = remembered(Remembered("facts", lambda: "v1"), tuple, list)(work)  # as a later process would
    assert again(3) == (3, 6) and calls == [3]
    other = remembered(Remembered("facts", lambda: "v2"), tuple, list)(work)  # another installed version
    assert other(3) == (3, 6) and calls == [3, 3]
    assert json.loads((own_cache / "facts.json").read_text())["stamp"] == "v2"


def test_a_broken_or_huge_file_is_not_read(own_cache: Path) -> None:
    folder = own_cache
    (folder / "facts.json").write_text("{not json")
    assert Remembered("facts", lambda: "v1").answers() == {}
    (folder / "facts.json").write_text(
        json.dumps({"stamp": "v1", "answers": {"k": 1}}) + " " * usercache.MAX_CACHE_BYTES
    )
    assert Remembered("facts", lambda: "v1").answers() == {}


def test_a_call_that_raises_is_not_remembered(own_cache: Path) -> None:
    store = Remembered("facts", lambda: "v1")

    @remembered(store, int, int)
    def fails(n: int) -> int:
        raise ValueError(n)

    with pytest.raises(ValueError):
        fails(1)
    assert store.answers() == {}


@pytest.fixture
def real_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    monkeypatch.setattr(usercache, "folder", REAL_FOLDER)
    REAL_FOLDER.cache_clear()
    yield REAL_FOLDER
    REAL_FOLDER.cache_clear()


def test_a_folder_others_may_write_is_not_used(
    real_folder: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    monkeypatch.setenv("PLANOPS_CACHE_DIR", str(folder))
    assert usercache.folder() is None
    store = Remembered("facts", lambda: "v1")
    store.keep("k", 1)  # kept in this process only
    assert store.answers() == {"k": 1} and not (folder / "facts.json").exists()


def test_the_users_own_folder_is_used(real_folder: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PLANOPS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert usercache.folder() == tmp_path / "planops"
    assert (tmp_path / "planops").stat().st_mode & 0o777 == 0o700


def test_no_folder_means_no_cache(real_folder: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("")
    monkeypatch.setenv("PLANOPS_CACHE_DIR", str(target))  # a file where the folder would be
    assert usercache.folder() is None
