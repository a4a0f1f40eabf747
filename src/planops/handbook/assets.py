"""Third-party browser assets for the offline handbook, fetched from npm at build time.

Nothing here is committed to the repository: each asset is a pinned npm
tarball whose sha512 ``dist.integrity`` is checked before one member is read
(in memory) and cached on disk, so that later builds need no network.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.client
import io
import json
import os
import posixpath
import re
import shutil
import tarfile
import urllib.request
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from planops.errors import PlanopsError

REGISTRY_URL = "https://registry.npmjs.org"
TIMEOUT_S = 30.0
MAX_TARBALL_BYTES = 64 * 1024 * 1024
MAX_MEMBER_BYTES = 32 * 1024 * 1024


class AssetError(PlanopsError):
    """An asset could not be obtained, or failed verification."""


@dataclass(frozen=True)
class Asset:
    """One file taken from a pinned npm tarball."""

    package: str  # npm name, possibly scoped ("@scope/name")
    version: str
    integrity: str  # the tarball's dist.integrity, "sha512-<base64>"
    member: str  # path inside the tarball
    dest: str  # URI of the file in the built site
    modules: tuple[str, ...] = ()
    """More ES modules of the tarball, packed with ``member`` into one classic script (see :func:`pack_modules`)."""

    @property
    def label(self) -> str:
        return f"{self.package}@{self.version}"

    @property
    def members(self) -> tuple[str, ...]:
        return (self.member, *self.modules)


ASSETS: dict[str, Asset] = {
    "mermaid": Asset(
        package="mermaid",
        version="11.17.2",
        integrity="sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg==",
        member="package/dist/mermaid.min.js",
        dest="assets/planops/mermaid.min.js",
    ),
    "iframe-worker": Asset(
        package="iframe-worker",
        version="1.0.4",
        integrity="sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q==",
        member="package/shim/index.js",  # what unpkg serves as "iframe-worker/shim"
        dest="assets/planops/iframe-worker-shim.js",
    ),
    # The ticket router's CEL evaluator: zero dependencies, ES modules only (packed, see pack_modules).
    "cel-js": Asset(
        package="@marcbachmann/cel-js",
        version="8.0.0",
        integrity="sha512-oaTrAziGr3zDLFiMt/yLU3nZuRMawyWQB5X1a0I7s9eGy3JYzX9l8ZXXHyMd64nzbeVFZTewuUShwsZQdK6UCA==",
        member="package/lib/index.js",
        dest="assets/planops/cel-js.js",
        modules=tuple(
            f"package/lib/{name}.js"
            for name in (
                *("errors", "evaluator", "functions", "globals", "macros", "operators", "optional"),
                *("options", "overloads", "parser", "registry", "serialize", "type-checker"),
            )
        ),
    ),
}


def default_cache_dir() -> Path:
    """``$PLANOPS_CACHE_DIR``, else ``$XDG_CACHE_HOME/planops``, else ``~/.cache/planops`` (planops.usercache)."""
    from planops.usercache import location

    return location()


def tarball_url(asset: Asset, registry_url: str = REGISTRY_URL) -> str:
    """npm's tarball URL: ``<registry>/<name>/-/<basename>-<version>.tgz``."""
    basename = asset.package.rsplit("/", 1)[-1]
    return f"{registry_url.rstrip('/')}/{asset.package}/-/{basename}-{asset.version}.tgz"


def _expected_digest(asset: Asset) -> bytes:
    algo, _, b64 = asset.integrity.partition("-")
    if algo != "sha512" or not b64:
        raise AssetError(f"{asset.label}: integrity must be sha512-<base64>")
    return base64.b64decode(b64, validate=True)


def verify_integrity(asset: Asset, data: bytes) -> None:
    """Raise AssetError unless ``data`` has the asset's pinned sha512."""
    expected = _expected_digest(asset)
    actual = hashlib.sha512(data).digest()
    if actual != expected:
        got = "sha512-" + base64.b64encode(actual).decode("ascii")
        raise AssetError(
            f"integrity mismatch for {asset.label}: expected {asset.integrity}, got {got}; refusing to use it"
        )


def _check_member_path(asset: Asset, path: str) -> None:
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
        raise AssetError(f"{asset.label}: unsafe member path {path!r}")


def extract_member(asset: Asset, tarball: bytes) -> bytes:
    """Read the asset's one member from a verified .tgz, in memory, never to disk."""
    return extract_members(asset, tarball)[asset.member]


def extract_members(asset: Asset, tarball: bytes) -> dict[str, bytes]:
    """Read each of the asset's members from a verified .tgz, in memory, never to disk."""
    for path in asset.members:
        _check_member_path(asset, path)
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
            listed = tar.getmembers()
            return {path: _read_member(asset, tar, listed, path) for path in asset.members}
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise AssetError(f"{asset.label}: bad tarball: {exc}") from exc


def _read_member(asset: Asset, tar: tarfile.TarFile, listed: list[tarfile.TarInfo], path: str) -> bytes:
    found = [m for m in listed if m.name == path]
    if len(found) != 1 or not found[0].isreg():
        raise AssetError(f"{asset.label}: tarball has no single regular file {path!r}")
    if found[0].size > MAX_MEMBER_BYTES:
        raise AssetError(f"{asset.label}: {path} too large")
    stream = tar.extractfile(found[0])
    return stream.read() if stream is not None else b""


_RELATIVE_IMPORT = re.compile(r"""(\b(?:from|import)\s*)(['"])\./([A-Za-z0-9_.-]+\.js)\2""")
MODULES_GLOBAL = "planopsModules"
"""The global a packed asset files its modules under: ``window.planopsModules[package][file]``."""


def module_prefix(asset: Asset) -> str:
    """The bare specifier a packed module imports its siblings by: ``<package>/``."""
    return f"{asset.package}/"


def pack_modules(asset: Asset, files: Mapping[str, bytes]) -> bytes:
    """ES modules as one classic script that files their texts under ``window.planopsModules[package]``.

    Chromium runs no module script loaded from ``file://``; a page can run these texts as Blob URLs, found
    through an import map. Blob URLs have no folders, so each relative import (``from './parser.js'``) is
    rewritten to the bare ``<package>/parser.js`` the import map names; an import of a file not packed is
    refused here rather than failing in the browser.
    """
    texts: dict[str, str] = {}
    names = {posixpath.basename(path) for path in files}
    for path, data in files.items():
        text = data.decode("utf-8")
        for found in _RELATIVE_IMPORT.finditer(text):
            if found[3] not in names:
                raise AssetError(f"{asset.label}: {path} imports ./{found[3]}, which is not packed with it")
        texts[posixpath.basename(path)] = _RELATIVE_IMPORT.sub(
            lambda m: f"{m[1]}{m[2]}{module_prefix(asset)}{m[3]}{m[2]}", text
        )
    table = json.dumps(texts, ensure_ascii=True, sort_keys=True)  # JSON text is a JS literal; ASCII, no U+2028
    head = f"(window.{MODULES_GLOBAL} = window.{MODULES_GLOBAL} || {{}})[{json.dumps(asset.package)}]"
    return f"/* {asset.label}, packed by planops */\n{head} = {table};\n".encode("ascii")


def _cache_path(asset: Asset, cache_dir: Path) -> Path:
    key = _expected_digest(asset).hex()[:32]
    safe_name = asset.package.replace("/", "+")
    name = posixpath.basename(asset.dest if asset.modules else asset.member)  # a packed asset is a file of its own
    return cache_dir / "npm" / safe_name / asset.version / key / name


def _read_cache(path: Path) -> bytes | None:
    """The cached file if it is whole (its sidecar sha256 matches), else None."""
    try:
        data = path.read_bytes()
        recorded = path.with_name(path.name + ".sha256").read_text(encoding="ascii").strip()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == recorded else None


def _write_cache(path: Path, data: bytes) -> None:
    digest = hashlib.sha256(data).hexdigest().encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for target, content in ((path, data), (path.with_name(path.name + ".sha256"), digest)):
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(content)
            os.replace(tmp, target)  # atomic: a reader never sees half a file
    except OSError as exc:
        raise AssetError(f"cannot write the asset cache ({exc}): set PLANOPS_CACHE_DIR to a writable folder") from exc


def _download(asset: Asset, registry_url: str) -> bytes:
    url = tarball_url(asset, registry_url)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            data: bytes = response.read(MAX_TARBALL_BYTES + 1)
    except (OSError, http.client.HTTPException) as exc:
        raise AssetError(
            f"cannot download {asset.label} from {url} ({exc}) and it is "
            "not cached: build once online, or set PLANOPS_CACHE_DIR to a pre-filled cache"
        ) from exc
    if len(data) > MAX_TARBALL_BYTES:
        raise AssetError(f"{asset.label}: tarball larger than expected")
    return data


def fetch_asset(
    name: str,
    cache_dir: Path | None = None,
    *,
    registry_url: str = REGISTRY_URL,
    assets: Mapping[str, Asset] = ASSETS,
) -> bytes:
    """The asset's file content: from the cache, else downloaded, verified and cached."""
    asset = assets[name]
    path = _cache_path(asset, cache_dir or default_cache_dir())
    cached = _read_cache(path)
    if cached is not None:
        return cached
    tarball = _download(asset, registry_url)
    verify_integrity(asset, tarball)
    content = pack_modules(asset, extract_members(asset, tarball)) if asset.modules else extract_member(asset, tarball)
    _write_cache(path, content)
    return content


def ensure_assets(
    cache_dir: Path | None = None,
    *,
    registry_url: str = REGISTRY_URL,
    assets: Mapping[str, Asset] = ASSETS,
) -> dict[str, Path]:
    """Make sure every asset is in the cache; map each name to its cached file."""
    root = cache_dir or default_cache_dir()
    paths: dict[str, Path] = {}
    for name, asset in assets.items():
        fetch_asset(name, root, registry_url=registry_url, assets=assets)
        paths[name] = _cache_path(asset, root)
    return paths


def asset_files(
    cache_dir: Path | None = None,
    *,
    registry_url: str = REGISTRY_URL,
    assets: Mapping[str, Asset] = ASSETS,
) -> list[tuple[str, bytes]]:
    """``(dest_uri, content)`` pairs, for ``File.generated(config, uri, content=...)``."""
    fetch = functools.partial(fetch_asset, cache_dir=cache_dir, registry_url=registry_url, assets=assets)
    return [(asset.dest, fetch(name)) for name, asset in assets.items()]


def install_assets(
    site_dir: Path,
    cache_dir: Path | None = None,
    *,
    registry_url: str = REGISTRY_URL,
    assets: Mapping[str, Asset] = ASSETS,
) -> list[Path]:
    """Copy every asset into a built site (for an ``on_post_build`` hook)."""
    written: list[Path] = []
    cached = ensure_assets(cache_dir, registry_url=registry_url, assets=assets)
    for name, source in cached.items():
        target = Path(site_dir, *assets[name].dest.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written
