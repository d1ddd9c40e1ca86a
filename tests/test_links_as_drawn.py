"""Links lead somewhere and reach the PDF as 7-bit ASCII; invisible characters are refused
with their place, through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.clirun import cvgen
from tests.test_output_safety import snapshot

ON = "2024-01-15"


def raw_uris(pdf: Path) -> list[object]:
    """The /URI values as stored (bytes or text), not decoded by a lenient reader."""
    found = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(action["/URI"])
    return found


def write_profile(folder: Path, person_lines: str, rest: str = "sections: []\n") -> Path:
    path = folder / "p.yaml"
    path.write_text("person:\n  name: Ada Lovelace\n" + person_lines + rest, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '  email: "ada\\0@example.org"\n',
            "p.yaml:3: person.email: e-mail address has an invisible character U+0000"
            " (a control character) at position 4: 'ada\\x00@example.org'",
        ),
        (
            '  homepage: {label: Home, url: "https://ada.example/\\x1b[31m"}\n',
            "p.yaml:3: person.homepage.url: link has an invisible character U+001B"
            " (a control character) at position 21: 'https://ada.example/\\x1b[31m'",
        ),
        (
            '  homepage: {label: Home, url: "https://ada.example/\\u200b"}\n',
            "p.yaml:3: person.homepage.url: link has an invisible character U+200B"
            " (ZERO WIDTH SPACE) at position 21: 'https://ada.example/\\u200b'",
        ),
        (
            "  homepage: {label: Home, url: 'http://'}\n",
            "p.yaml:3: person.homepage.url: not a link: 'http://' (it names no web address)",
        ),
        (
            "  homepage: {label: Home, url: 'mailto:'}\n",
            "p.yaml:3: person.homepage.url: not a link: 'mailto:' (it names no valid e-mail"
            " address)",
        ),
        ("  email: a@b..c\n", "p.yaml:3: person.email: not an e-mail address: 'a@b..c'"),
        (
            "  tagline: 'see [me](https://a..b/)'\n",
            "p.yaml:3: person.tagline: not a link: 'https://a..b/' (it names no web address)",
        ),
    ],
)
def test_bad_links_are_refused_with_their_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, message: str
):
    monkeypatch.chdir(tmp_path)
    write_profile(tmp_path, line)
    before = snapshot(tmp_path)
    code, out, err = cvgen("build", "p.yaml", "--date", ON)
    assert (code, out) == (1, "")
    assert err.strip() == message
    assert snapshot(tmp_path) == before


def test_idn_links_are_written_as_ascii_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    write_profile(
        tmp_path,
        "  email: jürgen@bücher.example\n"
        "  homepage: {label: Home, url: 'https://bücher.example/straße?q=ü'}\n",
        "sections:\n  - title: About\n    kind: text\n    text: 'See [my page](münchen.example/über).'\n",
    )
    code, _, err = cvgen("build", "p.yaml", "--date", ON, "--output", "cv.pdf")
    assert code == 0, err
    uris = raw_uris(tmp_path / "cv.pdf")
    assert all(isinstance(uri, str) and uri.isascii() for uri in uris), uris
    assert set(uris) >= {
        "mailto:j%C3%BCrgen@xn--bcher-kva.example",
        "https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC",
        "https://xn--mnchen-3ya.example/%C3%BCber",
    }
    assert "bücher.example" in " ".join(
        PdfReader(tmp_path / "cv.pdf").pages[0].extract_text().split()
    )
