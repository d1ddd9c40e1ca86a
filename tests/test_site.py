"""The homepage site: `cvgen homepage` and `cvgen site` put the page, the images it shows and
the dated CV it links into an MkDocs project; `mkdocs build --strict` accepts it, and in the
built site every image and link resolves, also when served over HTTP.

Tests that run MkDocs are marked `site` and skipped when the `site` extra is not installed;
CI installs it (.ci/run), so there they run.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import re
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from PIL import Image
from typer.testing import CliRunner

from cvgen.build import build_cv
from cvgen.cli import app
from tests.conftest import ROOT

HAS_MKDOCS = all(importlib.util.find_spec(name) for name in ("mkdocs", "material"))
needs_mkdocs = pytest.mark.skipif(
    not HAS_MKDOCS,
    reason="MkDocs is not installed: pip install -e '.[site]' (CI installs it and runs these)",
)
OLDER, NEWER = date(2024, 5, 1), date(2025, 3, 10)
DATED_CV = re.compile(r"CV-Hexu Zhao_(\d{8})\.pdf")


def invoke(*args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [str(arg) for arg in args])


def copy_project(root: Path) -> Path:
    """The repository's profile, its images and its homepage site (without built files)."""
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "assets" / "images", root / "assets" / "images")
    (root / "homepage" / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "homepage" / "mkdocs.yml", root / "homepage" / "mkdocs.yml")
    shutil.copy(ROOT / "homepage" / "docs" / "index.md", root / "homepage" / "docs" / "index.md")
    return root


class _PageLinks(HTMLParser):
    """Every image source and every link target (a, link, script) of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "img":
            self.images.append(found)
        target = found.get("href") if tag in ("a", "link") else found.get("src")
        if target is not None and tag in ("a", "link", "script", "img"):
            self.links.append(target)


def page_links(html: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser


def is_local(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def local_file(site: Path, target: str) -> Path:
    path = unquote(urlsplit(target).path)
    return site / path / "index.html" if path.endswith("/") or path == "." else site / path


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the copied project
    docs: Path
    site: Path
    first_run: list[str]  # what `cvgen site` printed, older date
    second_run: list[str]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's homepage built twice, an older and a newer CV, as CI builds it."""
    if not HAS_MKDOCS:
        pytest.skip("MkDocs is not installed: pip install -e '.[site]'")
    root = copy_project(tmp_path_factory.mktemp("site"))
    profile, config = root / "data" / "profile.yaml", root / "homepage" / "mkdocs.yml"
    runs = []
    for on in (OLDER, NEWER):
        result = invoke("site", profile, "--config", config, "--date", on.isoformat())
        assert result.exit_code == 0, result.stderr
        runs.append(result.stdout.splitlines())
    return BuiltSite(root, root / "homepage" / "docs", root / "homepage" / "site", *runs)


# ---------------------------------------------------------------- the built site


@pytest.mark.site
@needs_mkdocs
def test_site_build_reports_every_file_it_wrote(built_site: BuiltSite):
    home = built_site.root / "homepage"
    assert built_site.second_run == [
        str(home / "docs" / "assets" / "CV-Hexu Zhao_20250310.pdf"),
        str(home / "docs" / "assets" / "CV-latest.pdf"),
        str(home / "docs" / "images" / "portrait.jpg"),
        str(home / "docs" / "images" / "nyu.png"),
        str(home / "docs" / "images" / "tsinghua.png"),
        str(home / "docs" / "index.md"),
        str(home / "site"),
    ]


@pytest.mark.site
@needs_mkdocs
def test_every_image_and_the_cv_link_resolve_in_the_built_site(built_site: BuiltSite):
    site = built_site.site
    found = page_links(site / "index.html")
    assert len(found.images) == 3  # the portrait and two logos
    for image in found.images:
        src = image["src"] or ""
        assert is_local(src), f"{src}: the page shows an image from elsewhere"
        assert local_file(site, src).is_file(), f"{src} is not in the built site"
    for target in filter(is_local, found.links):
        assert local_file(site, target).exists(), f"{target} is not in the built site"

    cv_links = [unquote(t) for t in found.links if DATED_CV.search(unquote(t))]
    assert cv_links == ["assets/CV-Hexu Zhao_20250310.pdf"]  # one link, in the icon row
    dated = sorted(p.name for p in (site / "assets").glob("CV-Hexu Zhao_*.pdf"))
    assert dated == ["CV-Hexu Zhao_20240501.pdf", "CV-Hexu Zhao_20250310.pdf"]
    assert cv_links[0].endswith(dated[-1])  # the newest dated CV
    assert "assets/CV-latest.pdf" in found.links  # the hand-written part links the stable name


@pytest.mark.site
@needs_mkdocs
def test_the_linked_cv_is_byte_identical_to_cvgen_build(built_site: BuiltSite, tmp_path: Path):
    built = build_cv(ROOT / "data" / "profile.yaml", on=NEWER, output_dir=tmp_path)
    published = built_site.site / "assets" / "CV-Hexu Zhao_20250310.pdf"
    assert published.read_bytes() == built.path.read_bytes()
    assert (built_site.site / "assets" / "CV-latest.pdf").read_bytes() == built.path.read_bytes()


@pytest.mark.site
@needs_mkdocs
def test_every_icon_shortcode_became_an_icon(built_site: BuiltSite):
    """An icon Material does not ship stays as its literal ':name:' text on the page."""
    html = (built_site.site / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<article class="md-content__inner') :]
    assert not re.findall(r":[a-z]+(?:-[a-z0-9]+)+:", re.sub(r"<[^>]*>", " ", body))
    assert body.count('class="twemoji"') >= 10  # office, email, CV, networks, paper links


@pytest.mark.site
@needs_mkdocs
def test_hand_written_parts_survive_and_the_page_shows_prepared_images(built_site: BuiltSite):
    page = (built_site.docs / "index.md").read_text(encoding="utf-8")
    mine = (ROOT / "homepage" / "docs" / "index.md").read_text(encoding="utf-8")
    hand_written = mine[mine.rindex("<!-- cvgen:end -->") :]
    assert page.endswith(hand_written)
    found = page_links(built_site.site / "index.html")
    for image in found.images:
        with Image.open(local_file(built_site.site, image["src"] or "")) as shown:
            # prepared for the page: twice the CSS width, for high-density screens
            assert shown.width == 2 * int(image["width"] or 0)
    original = ROOT / "assets" / "images" / "portrait.jpg"
    assert (built_site.docs / "images" / "portrait.jpg").read_bytes() != original.read_bytes()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(built_site: BuiltSite) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1, in a thread, for the length of one test."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.mark.site
@needs_mkdocs
def test_served_site_answers_200_for_every_local_link_and_image(built_site: BuiltSite, served: str):
    found = page_links(built_site.site / "index.html")
    targets = sorted({urlsplit(t)._replace(fragment="").geturl() for t in found.links})
    local = [t for t in targets if is_local(t)]
    assert len(local) >= 8  # CVs, images, stylesheets, scripts
    for target in local:
        url = urljoin(served, target.replace(" ", "%20"))
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.status == 200, url
            answer.read()


# ---------------------------------------------------------------- failures and their status


@pytest.mark.site
@needs_mkdocs
def test_mkdocs_failing_after_the_cv_is_written_exits_5(tmp_path: Path):
    root = copy_project(tmp_path)
    page = root / "homepage" / "docs" / "index.md"
    page.write_text(page.read_text() + "\nSee [my thesis](thesis.pdf).\n")
    result = invoke(
        "site", root / "data" / "profile.yaml", "-f", root / "homepage" / "mkdocs.yml",
        "--date", "2025-03-10",
    )  # fmt: skip
    assert result.exit_code == 5, result.stderr
    cv = root / "homepage" / "docs" / "assets" / "CV-Hexu Zhao_20250310.pdf"
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith(f"{root / 'homepage' / 'mkdocs.yml'}: mkdocs build --strict failed:")
    assert "thesis.pdf" in line and f"written and kept: {cv}" in line
    assert cv.is_file()


def test_site_refuses_the_old_emoji_names_before_writing_anything(tmp_path: Path):
    root = copy_project(tmp_path)
    config = root / "homepage" / "mkdocs.yml"
    old = config.read_text().replace("material.extensions.emoji.", "materialx.emoji.")
    config.write_text(old)
    result = invoke("site", root / "data" / "profile.yaml", "-f", config, "--date", "2025-03-10")
    assert result.exit_code == 1
    line_no = old.splitlines().index(
        "      emoji_index: !!python/name:materialx.emoji.twemoji"
    )  # fmt: skip
    assert result.stderr.strip() == (
        f"{config}:{line_no + 1}: markdown_extensions: pymdownx.emoji: emoji_index:"
        " materialx.emoji.twemoji is an old name that current mkdocs-material refuses under"
        " --strict; write !!python/name:material.extensions.emoji.twemoji"
        " (the module is now material.extensions.emoji)"
    )
    assert not (root / "homepage" / "docs" / "assets").exists()


def test_site_checks_the_page_before_writing_the_cv(tmp_path: Path):
    root = copy_project(tmp_path)
    page = root / "homepage" / "docs" / "index.md"
    page.write_text("# My page\n\nNo markers here.\n")
    result = invoke(
        "site", root / "data" / "profile.yaml", "-f", root / "homepage" / "mkdocs.yml",
        "--date", "2025-03-10",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{page}: no cvgen markers in the page")
    assert page.read_text() == "# My page\n\nNo markers here.\n"
    assert not (root / "homepage" / "docs" / "assets").exists()


def test_site_without_mkdocs_writes_the_files_and_says_the_site_was_not_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("cvgen.site.mkdocs_installed", lambda: False)
    root = copy_project(tmp_path)
    result = invoke(
        "site", root / "data" / "profile.yaml", "-f", root / "homepage" / "mkdocs.yml",
        "--date", "2025-03-10",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == (
        "note: MkDocs is not installed, so the site was not built;"
        " pip install 'cvgen[site]' adds it (mkdocs, mkdocs-material)"
    )
    docs = root / "homepage" / "docs"
    assert (docs / "assets" / "CV-Hexu Zhao_20250310.pdf").is_file()
    assert "(assets/CV-Hexu Zhao_20250310.pdf)" in (docs / "index.md").read_text()
    assert not (root / "homepage" / "site").exists()


def test_update_page_linking_another_name_pattern_writes_nothing_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The page is checked before anything is written (README, exit status 1): the promise
    "nothing written" holds, so no PDF appears and the page stays as it was."""
    root = copy_project(tmp_path)
    monkeypatch.chdir(root)
    page = Path("page.md")
    page.write_bytes(b"My CV: [PDF](assets/Hexu-Zhao-CV-2023.pdf)\n")
    result = invoke(
        "build", "--date", "2025-03-10", "--output-dir", "out", "--update-page", "page.md"
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "page.md: no link to a CV named like 'CV-Hexu Zhao_*.pdf' in the page"
    )
    assert not Path("out").exists()  # no PDF: exit 1 means nothing was written
    assert page.read_bytes() == b"My CV: [PDF](assets/Hexu-Zhao-CV-2023.pdf)\n"


# ---------------------------------------------------------------- cvgen homepage


def test_homepage_copies_prepared_images_into_the_docs_folder(tmp_path: Path):
    root = copy_project(tmp_path)
    docs = root / "homepage" / "docs"
    build_cv(root / "data" / "profile.yaml", on=OLDER, output_dir=docs / "assets")
    result = invoke("homepage", root / "data" / "profile.yaml", "-o", docs / "index.md")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # the CV is there: nothing to warn about
    page = (docs / "index.md").read_text()
    assert "![Hexu Zhao](images/portrait.jpg){ align=right width=128 }" in page
    assert "(images/nyu.png){ align=right width=64 }" in page
    assert "[:material-file-account:](assets/CV-Hexu Zhao_20240501.pdf)" in page
    assert "../" not in page  # nothing outside the docs folder
    with Image.open(docs / "images" / "portrait.jpg") as portrait:
        assert (portrait.format, portrait.width) == ("JPEG", 256)
    with Image.open(docs / "images" / "nyu.png") as logo:
        assert max(logo.size) == 128


def test_homepage_before_any_cv_warns_naming_the_file_it_links(tmp_path: Path):
    root = copy_project(tmp_path)
    docs = root / "homepage" / "docs"
    result = invoke("homepage", root / "data" / "profile.yaml", "-o", docs / "index.md")
    assert result.exit_code == 0
    expected = docs / "assets" / f"CV-Hexu Zhao_{date.today():%Y%m%d}.pdf"
    assert result.stderr.strip() == (
        f"warning: no CV named like 'CV-Hexu Zhao_*.pdf' in {docs / 'assets'}; the page links"
        f" {expected}, which does not exist yet: run `cvgen build --output-dir"
        f" {docs / 'assets'}` (or `cvgen site`)"
    )


def test_homepage_warns_when_the_cvs_are_outside_the_docs_folder(tmp_path: Path):
    root = copy_project(tmp_path)
    build_cv(root / "data" / "profile.yaml", on=OLDER, output_dir=root / "assets")
    docs = root / "homepage" / "docs"
    result = invoke(
        "homepage", root / "data" / "profile.yaml", "-o", docs / "index.md",
        "--cv-dir", root / "assets",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        f"warning: {root / 'assets' / 'CV-Hexu Zhao_20240501.pdf'} is outside the docs folder"
        f" {docs}, so MkDocs will not publish it; build the CV into {docs / 'assets'}"
    )


def test_generated_markdown_has_no_nested_emphasis(tmp_path: Path):
    root = copy_project(tmp_path)
    result = invoke("homepage", root / "data" / "profile.yaml")
    page = result.stdout
    assert "***" not in page and "****" not in page
    assert "\n*Ph.D* in ML system, advised by Prof. [Jinyang Li](" in page  # as the profile has it
    assert "\n*Bachelor of Computer Science*\n" in page


def test_written_images_are_left_alone_when_unchanged(tmp_path: Path):
    root = copy_project(tmp_path)
    docs = root / "homepage" / "docs"
    profile = root / "data" / "profile.yaml"
    assert invoke("homepage", profile, "-o", docs / "index.md").exit_code == 0
    portrait = docs / "images" / "portrait.jpg"
    before = portrait.stat().st_mtime_ns
    assert invoke("homepage", profile, "-o", docs / "index.md").exit_code == 0
    assert portrait.stat().st_mtime_ns == before


def test_page_images_with_the_same_name_do_not_overwrite_each_other(tmp_path: Path):
    root = copy_project(tmp_path)
    other = root / "assets" / "images" / "more"
    other.mkdir()
    red = Image.new("RGBA", (300, 300), (255, 0, 0, 255))
    red.putpixel((0, 0), (0, 0, 0, 0))  # real transparency: prepared as PNG, like nyu.png
    red.save(other / "nyu.png")
    profile = root / "data" / "profile.yaml"
    text = profile.read_text().replace("logos/tsinghua.png", "more/nyu.png")
    profile.write_text(text)
    docs = root / "homepage" / "docs"
    assert invoke("homepage", profile, "-o", docs / "index.md").exit_code == 0
    page = (docs / "index.md").read_text()
    assert "(images/nyu.png)" in page and "(images/nyu-2.png)" in page
    buffer = io.BytesIO((docs / "images" / "nyu-2.png").read_bytes())
    with Image.open(buffer) as shown:
        assert shown.convert("RGBA").getpixel((64, 64)) == (255, 0, 0, 255)


# ---------------------------------------------------------------- cvgen new --site


def test_new_site_writes_current_emoji_names_and_refuses_to_replace_a_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "Jane Doe", "jane", "--site")
    assert result.exit_code == 0, result.stderr
    assert {"jane/mkdocs.yml", "jane/docs/index.md", "jane/docs/images/portrait.jpg"} <= set(
        result.stdout.splitlines()
    )
    config = Path("jane/mkdocs.yml").read_text()
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in config
    assert "emoji_generator: !!python/name:material.extensions.emoji.to_svg" in config
    assert "materialx" not in config and "site_name: Jane Doe\n" in config
    assert "<!-- cvgen:begin header -->" in Path("jane/docs/index.md").read_text()

    Path("other").mkdir()
    Path("other/mkdocs.yml").write_text("site_name: Mine\n")
    again = invoke("new", "Jane Doe", "other", "--site")
    assert again.exit_code == 1
    assert (
        again.stderr.strip() == "other/mkdocs.yml: exists already; cvgen new never replaces a site"
    )
    assert not Path("other/data").exists()  # refused before anything was written


@pytest.mark.site
@needs_mkdocs
def test_a_new_site_builds_strictly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("new", "Jane Doe", "jane", "--site").exit_code == 0
    monkeypatch.chdir(tmp_path / "jane")
    result = invoke("site", "--date", "2025-03-10")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "site"
    html = Path("site/index.html").read_text(encoding="utf-8")
    assert 'href="assets/CV-Jane%20Doe_20250310.pdf"' in html


def test_ci_installs_the_site_extra_so_the_site_tests_run_there():
    from tests.test_checkers_in_ci import ci_extras

    assert "site" in ci_extras()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "cvgen site data/profile.yaml --config homepage/mkdocs.yml" in ci


def test_site_refuses_to_replace_a_file_of_another_kind_and_writes_nothing(tmp_path: Path):
    root = copy_project(tmp_path)
    images = root / "homepage" / "docs" / "images"
    images.mkdir()
    (images / "portrait.jpg").write_text("my notes, not a picture\n")
    args = ["site", root / "data" / "profile.yaml", "-f", root / "homepage" / "mkdocs.yml"]
    result = invoke(*args, "--date", "2025-03-10")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{images / 'portrait.jpg'}: exists and is not a JPEG image; add --force to replace it"
    )
    assert not (root / "homepage" / "docs" / "assets").exists()  # all or nothing
    assert (images / "portrait.jpg").read_text() == "my notes, not a picture\n"


def test_homepage_warns_when_the_sites_config_uses_the_old_emoji_names(tmp_path: Path):
    root = copy_project(tmp_path)
    config = root / "homepage" / "mkdocs.yml"
    config.write_text(config.read_text().replace("material.extensions.emoji.", "materialx.emoji."))
    docs = root / "homepage" / "docs"
    build_cv(root / "data" / "profile.yaml", on=OLDER, output_dir=docs / "assets")
    result = invoke("homepage", root / "data" / "profile.yaml", "-o", docs / "index.md")
    assert result.exit_code == 0  # the page is written: only the site's config needs the fix
    warning = result.stderr.strip()
    assert warning.startswith(f"warning: {config}:")
    assert "materialx.emoji.twemoji is an old name" in warning
    assert "write !!python/name:material.extensions.emoji.twemoji" in warning
