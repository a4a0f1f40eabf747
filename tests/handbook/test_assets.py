"""Vendored browser assets: real tarballs, real extraction, a real local registry."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import io
import json
import re
import socket
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from planops.handbook.assets import (
    ASSETS,
    Asset,
    AssetError,
    asset_files,
    default_cache_dir,
    ensure_assets,
    fetch_asset,
    install_assets,
    tarball_url,
    verify_integrity,
)

SCRIPT = b"window.demo = 42;\n"


def make_tgz(members: dict[str, bytes], symlinks: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target in (symlinks or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
    return buf.getvalue()


def sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def publish(registry: Path, package: str, version: str, tgz: bytes) -> None:
    """Lay a tarball out the way the npm registry serves it."""
    basename = package.rsplit("/", 1)[-1]
    target = registry / package / "-" / f"{basename}-{version}.tgz"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(tgz)


def demo_asset(tgz: bytes, package: str = "demo", member: str = "package/dist/demo.js") -> dict[str, Asset]:
    return {"demo": Asset(package, "1.2.3", sri(tgz), member, "assets/planops/demo.js")}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry"
    path.mkdir()
    return path


@pytest.fixture
def http_registry(registry: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(registry))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_verifies_and_extracts_one_member(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT, "package/README.md": b"readme"})
    publish(registry, "demo", "1.2.3", tgz)

    got = fetch_asset("demo", tmp_path / "cache", registry_url=registry.as_uri(), assets=demo_asset(tgz))

    assert got == SCRIPT
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()] == ["demo.js", "demo.js.sha256"]


def test_tampered_tarball_is_refused_and_never_cached(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    tampered = make_tgz({"package/dist/demo.js": b"window.demo = 'evil';\n"})
    publish(registry, "demo", "1.2.3", tampered)
    assets = demo_asset(tgz)

    with pytest.raises(AssetError) as err:
        fetch_asset("demo", tmp_path / "cache", registry_url=registry.as_uri(), assets=assets)

    message = str(err.value)
    assert message.startswith("integrity mismatch for demo@1.2.3: ")
    assert f"expected {sri(tgz)}, got {sri(tampered)}" in message
    assert not (tmp_path / "cache").exists()


def test_verify_integrity_rejects_a_single_flipped_byte() -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    asset = demo_asset(tgz)["demo"]
    verify_integrity(asset, tgz)
    flipped = bytes([tgz[0] ^ 1]) + tgz[1:]
    with pytest.raises(AssetError, match=re.escape("integrity mismatch for demo@1.2.3")):
        verify_integrity(asset, flipped)


def test_cache_hit_needs_no_network(registry: Path, http_registry: str, tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    publish(registry, "demo", "1.2.3", tgz)
    assets = demo_asset(tgz)
    cache = tmp_path / "cache"
    assert fetch_asset("demo", cache, registry_url=http_registry, assets=assets) == SCRIPT

    offline = f"http://127.0.0.1:{closed_port()}"
    assert fetch_asset("demo", cache, registry_url=offline, assets=assets) == SCRIPT
    assert ensure_assets(cache, registry_url=offline, assets=assets)["demo"].read_bytes() == SCRIPT


def test_no_network_and_no_cache_says_what_to_do(tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    offline = f"http://127.0.0.1:{closed_port()}"

    with pytest.raises(AssetError) as err:
        fetch_asset("demo", tmp_path / "cache", registry_url=offline, assets=demo_asset(tgz))

    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"cannot download demo@1.2.3 from {offline}/demo/-/demo-1.2.3.tgz (")
    assert message.endswith("build once online, or set PLANOPS_CACHE_DIR to a pre-filled cache")


def test_unwritable_cache_is_an_asset_error(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    publish(registry, "demo", "1.2.3", tgz)
    not_a_dir = tmp_path / "cache"
    not_a_dir.write_text("a file where the cache folder should be")

    with pytest.raises(AssetError, match="set PLANOPS_CACHE_DIR to a writable folder"):
        fetch_asset("demo", not_a_dir, registry_url=registry.as_uri(), assets=demo_asset(tgz))


def test_corrupt_cache_entry_is_fetched_again(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    publish(registry, "demo", "1.2.3", tgz)
    assets = demo_asset(tgz)
    cached = ensure_assets(tmp_path / "cache", registry_url=registry.as_uri(), assets=assets)["demo"]
    cached.write_bytes(b"truncat")

    assert fetch_asset("demo", tmp_path / "cache", registry_url=registry.as_uri(), assets=assets) == SCRIPT
    assert cached.read_bytes() == SCRIPT


@pytest.mark.parametrize("member", ["../evil.js", "package/../../evil.js", "/abs/evil.js", "package\\..\\evil.js"])
def test_path_traversal_member_names_are_refused(registry: Path, tmp_path: Path, member: str) -> None:
    tgz = make_tgz({member: b"evil", "package/dist/demo.js": SCRIPT})
    publish(registry, "demo", "1.2.3", tgz)

    with pytest.raises(AssetError, match=r"demo@1\.2\.3: unsafe member path"):
        fetch_asset("demo", tmp_path / "cache", registry_url=registry.as_uri(), assets=demo_asset(tgz, member=member))

    assert not list(tmp_path.rglob("evil.js"))


def test_symlinked_member_is_refused(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({}, symlinks={"package/dist/demo.js": "/outside/secret"})
    publish(registry, "demo", "1.2.3", tgz)

    with pytest.raises(AssetError, match=re.escape("no single regular file 'package/dist/demo.js'")):
        fetch_asset("demo", tmp_path / "cache", registry_url=registry.as_uri(), assets=demo_asset(tgz))


def test_missing_member_is_reported(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/other.js": SCRIPT})
    publish(registry, "demo", "1.2.3", tgz)

    with pytest.raises(AssetError, match=re.escape("no single regular file 'package/dist/demo.js'")):
        fetch_asset("demo", tmp_path / "cache", registry_url=registry.as_uri(), assets=demo_asset(tgz))


def test_scoped_package_url_and_cache_key(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    publish(registry, "@acme/demo", "1.2.3", tgz)
    assets = demo_asset(tgz, package="@acme/demo")

    assert tarball_url(assets["demo"], "https://r.example/") == "https://r.example/@acme/demo/-/demo-1.2.3.tgz"
    path = ensure_assets(tmp_path / "cache", registry_url=registry.as_uri(), assets=assets)["demo"]
    assert path.relative_to(tmp_path / "cache").parts[:3] == ("npm", "@acme+demo", "1.2.3")


def test_asset_files_and_install_assets(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/dist/demo.js": SCRIPT})
    publish(registry, "demo", "1.2.3", tgz)
    assets = demo_asset(tgz)
    url = registry.as_uri()

    assert asset_files(tmp_path / "cache", registry_url=url, assets=assets) == [("assets/planops/demo.js", SCRIPT)]
    written = install_assets(tmp_path / "site", tmp_path / "cache", registry_url=url, assets=assets)
    assert written == [tmp_path / "site" / "assets" / "planops" / "demo.js"]
    assert written[0].read_bytes() == SCRIPT


def test_default_cache_dir_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANOPS_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("PLANOPS_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "planops"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "planops"


def test_pins_are_sha512_and_land_under_assets_planops() -> None:
    assert set(ASSETS) == {"mermaid", "iframe-worker", "cel-js"}
    for asset in ASSETS.values():
        algo, _, b64 = asset.integrity.partition("-")
        assert algo == "sha512"
        assert len(base64.b64decode(b64)) == 64
        assert asset.dest.startswith("assets/planops/")
    assert ASSETS["mermaid"].version.startswith("11.")


@pytest.mark.network
def test_real_pinned_assets_from_the_npm_registry(tmp_path: Path) -> None:
    """Downloads the real tarballs (about 18 MB); fails, never skips, without the network."""
    paths = ensure_assets(tmp_path / "cache")

    mermaid = paths["mermaid"].read_bytes()
    assert len(mermaid) > 1_000_000
    assert b"mermaid" in mermaid
    assert b"window.IFrameWorker=" in paths["iframe-worker"].read_bytes()
    cel = paths["cel-js"].read_bytes()
    assert cel.startswith(b"/* @marcbachmann/cel-js@8.0.0, packed by planops */\n")
    assert b"from './" not in cel and b"from '@marcbachmann/cel-js/registry.js'" in cel
    assert dict(asset_files(tmp_path / "cache")) == {
        ASSETS["mermaid"].dest: mermaid,
        ASSETS["iframe-worker"].dest: paths["iframe-worker"].read_bytes(),
        ASSETS["cel-js"].dest: cel,
    }


def modules_asset(tgz: bytes, names: tuple[str, ...]) -> dict[str, Asset]:
    members = tuple(f"package/lib/{n}" for n in names)
    return {"mods": Asset("@demo/mods", "1.0.0", sri(tgz), members[0], "assets/planops/mods.js", members[1:])}


def test_modules_are_packed_into_one_classic_script(registry: Path, tmp_path: Path) -> None:
    files = {
        "package/lib/index.js": b"import {a} from './a.js'\nexport {a}\n",
        "package/lib/a.js": b'import {b} from "./b.js"\nexport const a = () => b + "</script>"\n',
        "package/lib/b.js": b"export const b = 1\n",
        "package/lib/unused.js": b"export const c = 2\n",
    }
    tgz = make_tgz(files)
    publish(registry, "@demo/mods", "1.0.0", tgz)

    got = fetch_asset(
        "mods",
        tmp_path / "cache",
        registry_url=registry.as_uri(),
        assets=modules_asset(tgz, ("index.js", "a.js", "b.js")),
    )

    head = "/* @demo/mods@1.0.0, packed by planops */\n"
    head += '(window.planopsModules = window.planopsModules || {})["@demo/mods"] = '
    text = got.decode("ascii")
    assert text.startswith(head)
    table = text.removeprefix(head)
    assert json.loads(table.rstrip(";\n")) == {
        "index.js": "import {a} from '@demo/mods/a.js'\nexport {a}\n",
        "a.js": 'import {b} from "@demo/mods/b.js"\nexport const a = () => b + "</script>"\n',
        "b.js": "export const b = 1\n",
    }
    assert sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()) == ["mods.js", "mods.js.sha256"]


def test_a_module_importing_one_not_packed_is_refused(registry: Path, tmp_path: Path) -> None:
    files = {"package/lib/index.js": b"import {x} from './x.js'\n", "package/lib/x.js": b"", "package/lib/y.js": b""}
    tgz = make_tgz(files)
    publish(registry, "@demo/mods", "1.0.0", tgz)

    with pytest.raises(AssetError) as err:
        fetch_asset(
            "mods", tmp_path / "cache", registry_url=registry.as_uri(), assets=modules_asset(tgz, ("index.js", "y.js"))
        )

    assert str(err.value) == "@demo/mods@1.0.0: package/lib/index.js imports ./x.js, which is not packed with it"
    assert not (tmp_path / "cache").exists()


def test_a_missing_module_is_refused(registry: Path, tmp_path: Path) -> None:
    tgz = make_tgz({"package/lib/index.js": b""})
    publish(registry, "@demo/mods", "1.0.0", tgz)

    with pytest.raises(AssetError) as err:
        fetch_asset(
            "mods",
            tmp_path / "cache",
            registry_url=registry.as_uri(),
            assets=modules_asset(tgz, ("index.js", "gone.js")),
        )

    assert str(err.value) == "@demo/mods@1.0.0: tarball has no single regular file 'package/lib/gone.js'"
