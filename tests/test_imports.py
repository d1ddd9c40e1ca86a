"""The command line stays light: --help must not pay for the PDF machinery."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("reportlab", "PIL", "pydantic", "yaml")


def test_cli_module_imports_no_heavy_library():
    code = f"import sys, cvgen.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from cvgen.cli import app\n"
        "try:\n    app(['--help'], prog_name='cvgen')\nexcept SystemExit:\n    pass\n"
        f"print('LOADED=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED=\n" in out.stdout or out.stdout.rstrip().endswith("LOADED=")
