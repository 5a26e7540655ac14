"""Headless Chromium for the render tests: provision it, load a page, read back DOM and PNG.

``chromium()`` returns the browser's path. When ``/usr/bin/chromium`` is
missing and the tests run as root on a Debian-like system, it installs
Debian's ``chromium`` package (and ``fonts-noto-cjk`` when no Chinese font is
present, so screenshots show characters rather than boxes) with apt-get; as
any other user it skips the test with the command to run. A failed install is
a test failure, not a skip: CI must not go green without the browser test.

Set ``EDUREPORT_CHROMIUM`` to use another Chromium binary.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PACKAGES = ("chromium",)
CJK_FONTS = "fonts-noto-cjk"
LOCK = Path(tempfile.gettempdir()) / "edureport-chromium-install.lock"

# How this machine runs Chromium headless (see the machine notes): no sandbox
# as root, no GPU, and no background connections to Google's hosts.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return True  # cannot tell; do not install fonts blindly
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


def _apt_install(packages: list[str]) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", *packages]):
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=1800)
        if done.returncode != 0:
            tail = (done.stdout + done.stderr)[-2000:]
            pytest.fail(f"{' '.join(command)} failed with exit code {done.returncode}:\n{tail}")


def chromium() -> str:
    """Path of a headless-capable Chromium, installing Debian's package when allowed."""
    override = os.environ.get("EDUREPORT_CHROMIUM")
    if override:
        if not Path(override).exists():
            pytest.skip(f"EDUREPORT_CHROMIUM={override} does not exist")
        return override
    missing = [] if CHROMIUM.exists() else list(PACKAGES)
    if not _has_cjk_font():
        missing.append(CJK_FONTS)
    if missing and _is_root() and shutil.which("apt-get"):
        import fcntl  # POSIX only, like apt-get

        with LOCK.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one installer at a time (pytest-xdist, parallel runs)
            still = [] if CHROMIUM.exists() else list(PACKAGES)
            if not _has_cjk_font():
                still.append(CJK_FONTS)
            if still:
                _apt_install(still)
    if CHROMIUM.exists():
        return str(CHROMIUM)
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if not shutil.which("apt-get"):
        pytest.skip("Chromium is not installed and there is no apt-get to install it (set EDUREPORT_CHROMIUM)")
    pytest.skip("Chromium is not installed and the tests do not run as root: "
                "run `sudo apt-get install chromium` (or set EDUREPORT_CHROMIUM)")


def _run(browser: str, page: Path, *extra: str, timeout: float = 180) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="edureport-chromium-") as profile:
        command = [browser, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def dump_dom(browser: str, page: Path) -> str:
    """The page's DOM serialised after its scripts ran (``--dump-dom``)."""
    done = _run(browser, page, "--dump-dom", "--virtual-time-budget=2000")
    if done.returncode != 0 or "<html" not in done.stdout:
        pytest.fail(f"chromium --dump-dom failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def screenshot(browser: str, page: Path, png: Path, *, width: int = 1400, height: int = 900) -> Path:
    """A PNG of the page at ``width`` x ``height`` CSS pixels."""
    done = _run(browser, page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}",
                "--virtual-time-budget=2000")
    if done.returncode != 0 or not png.exists():
        pytest.fail(f"chromium --screenshot failed ({done.returncode}): {done.stderr[-2000:]}")
    return png


def png_size(png: Path) -> tuple[int, int]:
    """Width and height from the PNG header (signature, then the IHDR chunk)."""
    head = png.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{png} is not a PNG file")
    return struct.unpack(">II", head[16:24])
