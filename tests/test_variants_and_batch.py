"""Tailored CVs from one profile: variants, tags, overrides, JSON results, many profiles."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from cvgen.build import build_all, build_cv
from cvgen.errors import CvgenError
from tests.conftest import BUNDLED_PROFILE, REFERENCE_DATE
from tests.pdfread import full_text, outline_titles
from tests.test_cli_errors import run_cvgen


@pytest.fixture(scope="module")
def all_cvs(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    results = build_all(
        BUNDLED_PROFILE, on=REFERENCE_DATE, output_dir=tmp_path_factory.mktemp("all")
    )
    return {result.variant: result for result in results}


def test_all_builds_default_and_every_variant_with_their_names(all_cvs):
    assert {v: r.path.name for v, r in all_cvs.items()} == {
        None: "CV-Hexu Zhao_20231130.pdf",
        "academic": "CV-Hexu Zhao_academic_20231130.pdf",
        "industry": "CV-Hexu Zhao_industry_20231130.pdf",
    }


def test_industry_differs_as_defined(all_cvs):
    industry = all_cvs["industry"]
    assert industry.pages == 1 < all_cvs["academic"].pages
    assert outline_titles(industry.path) == [
        "Engineering Experience",
        "Research Experience",
        "Education",
        "Publications",
    ]
    text = full_text(industry.path)
    assert "Résumé — Machine Learning Systems Engineer" in text
    assert "Fully Hyperbolic Neural Networks" in text
    assert "Doctor-in-the-loop" not in text  # max_entries: {Publications: 2}
    assert "Academic Referees" not in text and "Teaching Olympiad" not in text


def test_tags_filter_entries_and_bullets(all_cvs):
    academic = full_text(all_cvs["academic"].path)
    default = full_text(all_cvs[None].path)
    assert "ZhenFund" in default and "ZhenFund" not in academic  # entry tagged industry
    assert "entire AI healthcare development cycle" in default  # bullet tagged industry
    assert "entire AI healthcare development cycle" not in academic
    assert "Participated in a Diabetes Management Project" in academic  # untagged bullet stays
    assert "Teaching Olympiad of Informatics" in academic


def test_unknown_variant_is_one_line(tmp_path: Path):
    with pytest.raises(CvgenError) as info:
        build_cv(BUNDLED_PROFILE, on=REFERENCE_DATE, output_dir=tmp_path, variant="startup")
    assert str(info.value).endswith(
        "variants: no variant named 'startup' (the profile has: academic, industry)"
    )


def test_variant_naming_a_missing_section(tmp_path: Path):
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "person: {name: A}\nsections: []\nvariants:\n  short:\n    sections:\n      - Nope\n"
    )
    with pytest.raises(CvgenError) as info:
        build_cv(profile, on=REFERENCE_DATE, output_dir=tmp_path, variant="short")
    assert (
        str(info.value)
        == f"{profile}:6: variants.short.sections[0]: no section titled 'Nope'; the profile has none"
    )


def test_set_overrides_a_field(tmp_path: Path):
    result = build_cv(
        BUNDLED_PROFILE,
        on=REFERENCE_DATE,
        output_dir=tmp_path,
        overrides=["person.phone=+1 (212) 555-0100", "sections[5].title=References"],
    )
    text = full_text(result.path)
    assert "+1 (212) 555-0100" in text and outline_titles(result.path)[-1] == "References"


def test_set_takes_text_that_starts_with_a_bracket_as_text(tmp_path: Path):
    result = build_cv(
        BUNDLED_PROFILE,
        on=REFERENCE_DATE,
        output_dir=tmp_path,
        overrides=[
            "person.tagline={Braces} and [brackets] in a tagline",
            "person.name_variants=[H. Zhao, Zhao H.]",  # a list, read as YAML
        ],
    )
    assert "{Braces} and [brackets] in a tagline" in full_text(result.path)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("person.phne=1", "--set person.phne=1: person.phne: unknown field"),
        (
            "person.email=nope",
            "--set person.email=nope: person.email: not an e-mail address: 'nope'",
        ),
        ("sections[40].title=x", "--set sections[40].title=x: no list item [40] there"),
        (
            "no-equals-sign",
            "--set no-equals-sign: expected PATH=VALUE, e.g. person.phone=+1 555 0100",
        ),
    ],
)
def test_bad_override_is_one_line_and_writes_nothing(project: Path, override: str, message: str):
    result = run_cvgen("build", "--set", override, "--output-dir", "out", cwd=project)
    assert (result.returncode, result.stderr.splitlines()) == (1, [message])
    assert not (project / "out").exists()


def test_json_result_matches_the_files_on_disk(project: Path):
    result = run_cvgen(
        "build", "--all", "--json", "--date", "2023-11-30", "--output-dir", "out", cwd=project
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == [] and len(report["files"]) == 3
    for entry in report["files"]:
        data = (project / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data) and entry["pages"] >= 1
    assert [f["variant"] for f in report["files"]] == [None, "academic", "industry"]


def test_strict_fails_a_cv_over_its_page_budget(project: Path):
    result = run_cvgen("build", "--set", "settings.max_pages=1", "--output-dir", "out", cwd=project)
    assert result.returncode == 0
    assert (
        "settings.max_pages: warning: the CV runs to 2 pages, 1 over its budget of 1"
        in result.stderr
    )
    strict = run_cvgen(
        "build", "--strict", "--set", "settings.max_pages=1", "--output-dir", "strict", cwd=project
    )
    assert strict.returncode == 4
    [line] = strict.stderr.splitlines()
    assert line.startswith("--strict: 1 warning(s), first: ") and line.endswith("; nothing written")
    assert not (project / "strict").exists()


def test_batch_of_twenty_with_one_broken(tmp_path: Path):
    people = tmp_path / "people"
    people.mkdir()
    for number in range(20):
        body = f"person:\n  name: Person {number:02d}\n  email: p{number}@example.org\n"
        body += "sections:\n  - {title: About, kind: text, text: Hello.}\n"
        if number == 7:
            body = body.replace("kind: text", "kind: poem")
        (people / f"p{number:02d}.yaml").write_text(body)
    profiles = sorted(str(p.relative_to(tmp_path)) for p in people.glob("*.yaml"))
    result = run_cvgen(
        "build",
        *profiles,
        "--jobs",
        "2",
        "--date",
        "2024-01-01",
        "--output-dir",
        "out",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 19
    assert "19 built, 1 failed" in result.stderr
    assert "people/p07.yaml  FAILED" in result.stderr
    assert "unknown section kind 'poem'" in result.stderr
    assert result.stderr.count("] ok") == 19


def test_build_cv_is_a_documented_python_function(tmp_path: Path):
    import cvgen

    assert cvgen.build_cv.__doc__ and "variant" in cvgen.build_cv.__doc__
    assert cvgen.build_cv(BUNDLED_PROFILE, on=date(2023, 11, 30), output_dir=tmp_path).pages == 2


def test_progress_is_a_bar_on_a_terminal_and_lines_in_a_log():
    import io

    from cvgen.batch import Outcome
    from cvgen.report import BuildReporter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        reporter = BuildReporter(total=2)
        reporter.done(Outcome(Path("a.yaml")), stream=stream)
        reporter.done(Outcome(Path("b.yaml"), error="b.yaml:1: x"), stream=stream)
    assert terminal.getvalue().startswith("\r[" + "#" * 15 + "." * 15 + "] 1/2 ok     a.yaml")
    assert terminal.getvalue().endswith("] 2/2 FAILED b.yaml\x1b[K\n")
    assert log.getvalue() == "[1/2] ok     a.yaml\n[2/2] FAILED b.yaml\n"
