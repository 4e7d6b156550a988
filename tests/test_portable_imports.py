"""The package imports where Unix-only modules are missing (issue 14, point 2: Windows and macOS).

A subprocess with ``resource``, ``fcntl``, ``termios`` and ``os.fork`` taken away imports every
module of ``scraper`` and the hook file, as Windows would have to.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
import importlib, os, pkgutil, runpy, sys
for name in ("resource", "fcntl", "termios", "pwd", "grp"):
    sys.modules[name] = None  # import fails, as on Windows
del os.fork
import scraper
for module in pkgutil.walk_packages(scraper.__path__, "scraper."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
runpy.run_path("hooks/rdkb.py")
print("ok")
"""


def test_every_module_imports_without_unix_only_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
