"""The floor to compare against: bare reportlab laying out the same CV text.

    python bench/baseline_reportlab.py OUT.pdf [--text FILE] [--lato]

No profile, no validation, no fonts of ours: Helvetica, one Paragraph per line of the
text (the reference CV text unless ``--text`` names another file, e.g. the one
make_large_profile.py writes; lines starting with '#' are comments), a photo and a logo.
What cvgen costs above this is its own choice.

``--lato`` sets the same text in the bundled Lato, embedded and subset as cvgen does,
to show what the TrueType font costs by itself.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TEXT = ROOT / "tests" / "fixtures" / "reference-cv.txt"


def main(out: Path, text: Path = REFERENCE_TEXT, *, lato: bool = False) -> None:
    style = getSampleStyleSheet()["BodyText"]
    if lato:
        style.fontName = _register_lato()
    lines = text.read_text(encoding="utf-8").splitlines()
    story = [
        Image(str(ROOT / "assets" / "images" / "portrait.jpg"), width=62, height=76),
        Image(str(ROOT / "assets" / "images" / "logos" / "nyu.png"), width=24, height=24),
    ]
    texts = [" ".join(line.split()) for line in lines if not line.startswith("#")]
    story += [Paragraph(escape(text), style) for text in texts]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def _register_lato() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Lato", str(ROOT / "fonts" / "Lato-Regular.ttf")))
    return "Lato"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--text", type=Path, default=REFERENCE_TEXT, help="one paragraph a line")
    parser.add_argument(
        "--lato", action="store_true", help="embed the bundled Lato instead of Helvetica"
    )
    args = parser.parse_args()
    main(args.out, args.text, lato=args.lato)
