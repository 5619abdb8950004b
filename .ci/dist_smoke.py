"""`make dist-smoke`: run the built app's self-test headless, then prove it would notice
a broken bundle (missing fonts, missing catalogs, a missing Qt platform plugin).

Usage: python .ci/dist_smoke.py dist/CourtCompanion/CourtCompanion
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from companion.i18n import translator


def run(
    executable: Path, folder: Path, platform: str = "offscreen"
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": platform}
    command = [str(executable), "self-test", "--data-dir", str(folder)]
    if platform == "xcb":
        command = ["xvfb-run", "-a", *command]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)


def check_packets(folder: Path) -> None:
    for tag in ("ar", "zh-Hans"):
        pdf = (folder / f"packet-{tag}.pdf").read_bytes()
        text = "".join(
            unicodedata.normalize("NFKC", page.extract_text() or "")
            for page in PdfReader(io.BytesIO(pdf)).pages
        )
        heading = translator(tag).gettext("Your court date")
        if not all(word in text for word in heading.split()):
            raise SystemExit(f"the {tag} packet does not contain its heading {heading!r}")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(folder / "packet-ar.pdf"),
                str(folder / "packet-ar-pdftoppm"),
            ],
            check=True,
        )


def must_fail_without(bundle: Path, relative: str, scratch: Path) -> None:
    broken = scratch / f"broken-{relative.replace('/', '_')}"
    shutil.copytree(bundle, broken, symlinks=True, copy_function=os.link)
    target = broken / "_internal" / relative
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()
    result = run(broken / "CourtCompanion", scratch / f"data-{relative.replace('/', '_')}")
    if result.returncode == 0:
        raise SystemExit(f"self-test passed although {relative} was missing")
    print(
        f"  without {relative}: fails as it should ({result.stderr.strip().splitlines()[-1][:120]})"
    )


def main() -> int:
    executable = Path(sys.argv[1]).resolve()
    bundle = executable.parent
    size = sum(
        path.stat().st_size
        for path in bundle.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
    print(f"Bundle: {bundle} ({size / 2**20:.1f} MiB, {size / 1_000_000:.1f} MB)")
    scratch = Path(tempfile.mkdtemp(prefix="companion-dist-smoke-"))
    result = run(executable, scratch / "offscreen")
    print(result.stdout, end="")
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return 1
    check_packets(scratch / "offscreen")
    if shutil.which("xvfb-run"):
        result = run(executable, scratch / "xcb", platform="xcb")
        if result.returncode != 0:
            print(result.stdout, result.stderr, file=sys.stderr)
            return 1
        print("Self-test on a virtual X display (xcb plugin): passed")
    print("A broken bundle must fail its self-test:")
    for relative in (
        "resources/fonts/wqy-microhei.ttf",
        "translations/ar/LC_MESSAGES/companion.mo",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    ):
        must_fail_without(bundle, relative, scratch)
    print(f"Dist smoke test passed. Packets and a rendered page are in {scratch / 'offscreen'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
