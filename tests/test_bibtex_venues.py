"""BibTeX that prints like a bibliography: years, venue details, @string, crossref, keys
order, notes with their lines, and hostile .bib files that end in one line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvgen.build import build_cv
from cvgen.cli import app
from cvgen.formats.bibtex import bibtex_publications, import_bibtex, read_bibtex
from cvgen.formats.yaml_out import dump_profile_yaml
from cvgen.loader import load_profile
from tests.conftest import FIXTURES
from tests.pdfread import full_text

VENUES = FIXTURES / "bibtex" / "venues.bib"


def test_venue_details_crossref_and_strings():
    by_title = {p["title"]: p for p in bibtex_publications(VENUES)}
    assert by_title["Tiling Sparse Kernels for Small Caches"] == {
        "title": "Tiling Sparse Kernels for Small Caches",
        "authors": ["Maren Lind", "Hexu Zhao"],
        "venue": "ACM Transactions on Computer Systems",  # from @string
        "volume": "39",
        "number": "4",
        "pages": "112–140",
        "date": "2021-03",
    }
    # crossref: venue from the proceedings' title, publisher (a @string join) and year too
    assert by_title["Spilling Activations Without Regret"] == {
        "title": "Spilling Activations Without Regret",
        "authors": ["Hexu Zhao", "Chidi Okafor"],
        "venue": "Proceedings of the 16th Symposium on Operating Systems Design",
        "pages": "77–91",
        "publisher": "Harbour Press",
        "date": "2022",
    }
    assert by_title["A Benchmark of Pipeline Schedules"]["url"] == (
        "https://bench.example.org/pipelines"  # howpublished = {\url{...}}
    )
    assert "Proceedings of the 16th Symposium on Operating Systems Design" not in by_title


def test_notes_name_the_file_and_line_of_everything_left_out():
    notes = [str(note) for note in read_bibtex(VENUES).notes]
    assert notes == [
        f"{VENUES}:2: @preamble left out (LaTeX definitions print nothing in a CV)",
        (
            f"{VENUES}:6: @article{{lind2021tiles}}: left out abstract, keywords"
            " (a CV prints no such field)"
        ),
        (
            f"{VENUES}:19: @proceedings{{osdi2022}} is read through crossref only;"
            " not listed as a publication (name it in keys: to list it)"
        ),
        f"{VENUES}:27: zhao2022spill.author: '{{* *}}' names no one; left out",
        f"{VENUES}:37: okafor2023bench.month: not a month: 'Summer'; the year alone is kept",
    ]


def test_keys_order_is_kept_and_newest_first_otherwise():
    newest_first = [p["date"][:4] for p in bibtex_publications(VENUES)]
    assert newest_first == ["2023", "2022", "2021", "2020", "2019"]
    chosen = bibtex_publications(VENUES, keys=["lind2019book", "okafor2023bench", "osdi2022"])
    assert [p["date"][:4] for p in chosen] == ["2019", "2023", "2022"]


def test_missing_crossref_and_a_howpublished_beside_a_venue_are_notes(tmp_path: Path):
    path = tmp_path / "refs.bib"
    path.write_text(
        "@article{a,\n  title = {T},\n  journal = {J},\n  howpublished = {Online},\n"
        "  crossref = {nowhere},\n  year = {in press},\n}\n",
        encoding="utf-8",
    )
    result = import_bibtex(path)
    assert result.publications == [{"title": "T", "venue": "J"}]
    assert [str(n) for n in result.notes] == [
        f"{path}:4: a.howpublished: left out; the venue is its journal",
        f"{path}:5: a.crossref: no entry 'nowhere' in this file; nothing inherited",
        f"{path}:6: a.year: no year in 'in press'; no date",
    ]


def built_text(tmp_path: Path, theme: str = "homepage", keys: str = "", locale: str = "en") -> str:
    (tmp_path / "venues.bib").write_bytes(VENUES.read_bytes())
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: Hexu Zhao}\n"
        f"settings: {{locale: {locale}}}\n"
        f"theme: {{base: {theme}}}\n"
        "sections:\n"
        "  - title: Publications\n"
        "    kind: publications\n"
        f"    bibtex: {{file: venues.bib{keys}}}\n",
        encoding="utf-8",
    )
    return full_text(build_cv(profile, on=date(2024, 1, 1), output_dir=tmp_path).path)


def test_years_and_venue_details_print(tmp_path: Path):
    text = built_text(tmp_path)
    for line in [
        "ACM Transactions on Computer Systems, vol. 39, no. 4, pp. 112–140, 2021",
        (
            "Proceedings of the 16th Symposium on Operating Systems Design, pp. 77–91, "
            "Harbour Press, 2022"
        ),
        "Chidi Okafor, Hexu Zhao 2023 Dataset and scripts",  # no venue: the year alone
        "Example University, no. TR-2020-07, 2020",
        "Maren Lind p. 5, Harbour Press, 2019",
    ]:
        assert line in text, line


def test_venue_words_follow_the_locale(tmp_path: Path):
    text = built_text(tmp_path, locale="de")
    assert "ACM Transactions on Computer Systems, Bd. 39, Nr. 4, S. 112–140, 2021" in text
    assert "S. 5, Harbour Press, 2019" in text


def test_the_theme_may_put_the_year_after_the_title(tmp_path: Path):
    (tmp_path / "title-year.yaml").write_text(
        "base: classic\npublication_year: title\n", encoding="utf-8"
    )
    text = built_text(tmp_path, theme="title-year.yaml")
    assert "Tiling Sparse Kernels for Small Caches (2021)" in text
    assert "pp. 112–140, 2021" not in text


def test_keys_order_prints(tmp_path: Path):
    text = built_text(tmp_path, keys=", keys: [zhao2020report, lind2021tiles]")
    assert text.index("Gradient Checkpointing") < text.index("Tiling Sparse Kernels")
    assert "Memory Hierarchies" not in text


def test_a_year_the_venue_already_names_is_not_repeated(tmp_path: Path):
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: A}\nsections:\n  - title: P\n    kind: publications\n    entries:\n"
        "      - {title: Paper, venue: MLSys2023, date: 2023}\n"
        "      - {title: Other, venue: MLSys, date: 2023-06}\n",
        encoding="utf-8",
    )
    text = full_text(build_cv(profile, on=date(2024, 1, 1), output_dir=tmp_path).path)
    assert "MLSys2023 Other" in text and "MLSys, 2023" in text


def test_import_command_prints_notes_and_yaml_that_loads(tmp_path: Path):
    out = tmp_path / "pubs.yaml"
    result = CliRunner().invoke(app, ["import", "bibtex", str(VENUES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{VENUES}:27: zhao2022spill.author: '{{* *}}' names no one" in result.stderr
    section_yaml = out.read_text(encoding="utf-8").split("sections:\n", 1)[1]
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: Hexu Zhao}\nsections:\n" + section_yaml, encoding="utf-8")
    loaded = load_profile(profile).profile
    assert len(loaded.sections[0].entries) == 5  # type: ignore[union-attr]


# --- hostile .bib files: one located line, exit 1 --------------------------------------


def run_import(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["import", "bibtex", str(path)])
    return result.exit_code, result.stderr.splitlines()


def test_a_doubling_string_chain_is_one_line(tmp_path: Path):
    lines = ['@string{s0 = "xxxxxxxxxxxxxxxx"}']
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, 64)]
    lines += ["@misc{k, title = s63}"]
    path = tmp_path / "bomb.bib"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, stderr = run_import(path)
    assert code == 1
    [line] = stderr
    assert line.startswith(f"{path}:") and "@string expansion passes 8 MiB" in line


@pytest.mark.parametrize(
    "author",
    ["{* *}", "* and *", "{} and {\\relax}", "$^*$", "{*} and Doe, Jane", " and and "],
)
def test_nameless_authors_never_make_output_the_loader_refuses(tmp_path: Path, author: str):
    bib = tmp_path / "refs.bib"
    bib.write_text(f"@misc{{k,\n  title = {{T}},\n  author = {{{author}}},\n}}\n", "utf-8")
    section = {"title": "P", "kind": "publications", "entries": bibtex_publications(bib)}
    profile = tmp_path / "profile.yaml"
    profile.write_text(dump_profile_yaml({"person": {"name": "A"}, "sections": [section]}))
    load_profile(profile)


def test_a_line_of_many_at_signs_reads(tmp_path: Path):
    path = tmp_path / "ats.bib"
    path.write_text("% " + "@" * 200_000 + "\n@misc{k, title = {T}}\n", encoding="utf-8")
    assert bibtex_publications(path) == [{"title": "T"}]
