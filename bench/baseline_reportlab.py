"""The floor to compare against: bare reportlab laying out the same CV text.

No profile, no validation, no fonts of ours: Helvetica, one Paragraph per line of the
reference CV text, a photo and a logo. What cvgen costs above this is its own choice.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

ROOT = Path(__file__).resolve().parent.parent


def main(out: Path) -> None:
    style = getSampleStyleSheet()["BodyText"]
    lines = (ROOT / "tests" / "fixtures" / "reference-cv.txt").read_text(encoding="utf-8").splitlines()
    story = [
        Image(str(ROOT / "assets" / "images" / "portrait.jpg"), width=62, height=76),
        Image(str(ROOT / "assets" / "images" / "logos" / "nyu.png"), width=24, height=24),
    ]
    story += [Paragraph(escape(" ".join(line.split())), style) for line in lines if not line.startswith("#")]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
