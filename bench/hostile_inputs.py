"""Makes the hostile inputs bench/hostile.py runs, in the folder given; prints the cases
as JSON: [{"name", "cwd", "args", "exits"}]. Each case has a folder of its own."""

import json
import os
import sys
from pathlib import Path

from PIL import Image

PERSON = "person:\n  name: Jane Doe\n"


def case(root: Path, name: str, files: dict[str, object], args: list[str], exits=(1,)):
    folder = root / name
    folder.mkdir(parents=True)
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(str(content), encoding="utf-8")
    return {"name": name, "cwd": name, "args": args, "exits": list(exits)}


def fifo(path: Path) -> None:
    os.mkfifo(path)


def link_to(target: str):
    return lambda path: path.symlink_to(target)


def sparse(size: int):
    def make(path: Path) -> None:
        with path.open("wb") as stream:
            stream.truncate(size)

    return make


def image(mode: str, size: tuple[int, int], fmt: str, colour=None):
    def make(path: Path) -> None:
        extra = {"compression": "tiff_deflate"} if fmt == "TIFF" else {}
        Image.new(mode, size, colour).save(path, fmt, **extra)

    return make


def noise_jpeg(size: tuple[int, int]):
    def make(path: Path) -> None:
        # Noise in a small tile, tiled: a real-sized JPEG without minutes of encoding.
        tile = Image.effect_noise((512, 512), 60).convert("RGB")
        big = Image.new("RGB", size)
        for x in range(0, size[0], 512):
            for y in range(0, size[1], 512):
                big.paste(tile, (x, y))
        big.save(path, "JPEG", quality=90)

    return make


def portrait_case(root, name, maker, filename="p.img", exits=(1,)):
    files = {"profile.yaml": PERSON + f"  portrait: {filename}\nsections: []\n", filename: maker}
    return case(root, name, files, ["build", "profile.yaml", "--date", "2024-01-01"], exits)


def text_case(root, name, field_text, exits=(1,)):
    body = PERSON + "sections:\n  - kind: text\n    title: About\n    text: " + field_text + "\n"
    return case(
        root, name, {"profile.yaml": body}, ["build", "profile.yaml", "--date", "2024-01-01"], exits
    )


def main() -> None:
    root = Path(sys.argv[1])
    build = ["build", "profile.yaml", "--date", "2024-01-01"]
    cases = [
        # Special files as the profile
        case(root, "profile-dev-zero", {"profile.yaml": link_to("/dev/zero")}, build),
        case(root, "profile-dev-urandom", {"profile.yaml": link_to("/dev/urandom")}, build),
        case(root, "profile-fifo", {"profile.yaml": fifo}, build),
        case(root, "profile-sparse-1GiB", {"profile.yaml": sparse(1 << 30)}, build),
        case(root, "profile-folder", {"profile.yaml/x": "x"}, build),
        # ... as the portrait
        portrait_case(root, "portrait-dev-zero", link_to("/dev/zero"), "p.jpg"),
        portrait_case(root, "portrait-dev-urandom", link_to("/dev/urandom"), "p.jpg"),
        portrait_case(root, "portrait-fifo", fifo, "p.jpg"),
        portrait_case(root, "portrait-sparse-4GiB", sparse(4 << 30), "p.jpg"),
        # ... as the .bib file
        case(
            root,
            "bib-dev-zero",
            {
                "profile.yaml": PERSON
                + "sections:\n  - kind: publications\n    title: P\n    bibtex: {file: refs.bib}\n",
                "refs.bib": link_to("/dev/zero"),
            },
            build,
        ),
        case(root, "bib-fifo", {"refs.bib": fifo}, ["import", "bibtex", "refs.bib"]),
        # ... as check --pdf input
        case(root, "pdf-dev-zero", {"cv.pdf": link_to("/dev/zero")}, ["check", "--pdf", "cv.pdf"]),
        case(
            root,
            "pdf-dev-urandom",
            {"cv.pdf": link_to("/dev/urandom")},
            ["check", "--pdf", "cv.pdf"],
        ),
        case(root, "pdf-fifo", {"cv.pdf": fifo}, ["check", "--pdf", "cv.pdf"]),
        case(root, "pdf-sparse-4GiB", {"cv.pdf": sparse(4 << 30)}, ["check", "--pdf", "cv.pdf"]),
        # Big and deep images within the pixel cap: they build, in bounded memory
        portrait_case(root, "jpeg-40MP", noise_jpeg((7300, 5400)), "p.jpg", exits=(0,)),
        portrait_case(
            root, "png-rgb-30MP", image("RGB", (6300, 4700), "PNG", "teal"), "p.png", exits=(0,)
        ),
        portrait_case(
            root,
            "png-rgba-20MP",
            image("RGBA", (5200, 3900), "PNG", (0, 0, 0, 0)),
            "p.png",
            exits=(0,),
        ),
        portrait_case(
            root,
            "png-rgba-40MP",
            image("RGBA", (7300, 5400), "PNG", (0, 0, 0, 0)),
            "p.png",
            exits=(0, 1),
        ),
        portrait_case(
            root,
            "png-16bit-grey-30MP",
            image("I;16", (6300, 4700), "PNG", 20000),
            "p.png",
            exits=(0, 1),
        ),
        portrait_case(
            root,
            "tiff-32bit-int-20MP",
            image("I", (5000, 4000), "TIFF", 20000),
            "p.tif",
            exits=(0, 1),
        ),
        portrait_case(
            root, "tiff-float-20MP", image("F", (5000, 4000), "TIFF", 0.5), "p.tif", exits=(0, 1)
        ),
        portrait_case(
            root, "tiff-float-40MP", image("F", (7300, 5400), "TIFF", 0.5), "p.tif", exits=(0, 1)
        ),
        portrait_case(
            root, "gif-palette-40MP", image("P", (7300, 5400), "GIF", 3), "p.gif", exits=(0, 1)
        ),
        # Long text and pathological markup
        case(
            root,
            "one-2MB-line",
            {"profile.yaml": PERSON + "  tagline: " + "x" * 2_000_000 + "\nsections: []\n"},
            build,
        ),
        case(
            root,
            "big-block-scalar",
            {
                "profile.yaml": PERSON
                + "sections:\n  - kind: text\n    title: About\n    text: |\n"
                + "      many words on a line of a big block of text\n" * 40_000
            },
            build,
        ),
        text_case(root, "bold-markers-64KB", '"' + "**a " * 16_000 + '"'),
        text_case(root, "underline-tags-48KB", '"' + "<u>" * 16_000 + '"'),
        text_case(root, "one-400KB-word", "x" * 400_000),
        text_case(root, "bold-markers-7.9KB", '"' + "**a " * 1_975 + '"', exits=(0,)),
        text_case(root, "underline-tags-7.9KB", '"' + "<u> " * 1_975 + '"', exits=(0,)),
        text_case(root, "one-7.9KB-word", "x" * 7_900, exits=(0,)),
        text_case(root, "link-openers-7.9KB", '"' + "[a](" * 1_975 + '"', exits=(0,)),
        text_case(root, "italic-openers-7.9KB", '"' + " *a" * 2_630 + '"', exits=(0,)),
        text_case(root, "less-than-signs-7.9KB", '"' + "<" * 7_900 + '"', exits=(0,)),
        # Names the file system cannot hold
        case(
            root,
            "name-300-chars",
            {"profile.yaml": "person:\n  name: " + "A" * 300 + "\nsections: []\n"},
            build,
        ),
        case(
            root,
            "name-130-cjk",
            {"profile.yaml": "person:\n  name: " + "张" * 130 + "\nsections: []\n"},
            build,
        ),
        case(
            root,
            "long-output",
            {"profile.yaml": PERSON + "sections: []\n"},
            [*build, "-o", "x" * 300 + ".pdf"],
        ),
        portrait_case(root, "nul-in-image-path", lambda p: None, '"a\\0b.jpg"'),
        # Command-line values
        case(
            root,
            "jobs-1000",
            {"a.yaml": PERSON + "sections: []\n", "b.yaml": PERSON + "sections: []\n"},
            [
                "build",
                "a.yaml",
                "b.yaml",
                "--jobs",
                "1000",
                "--date",
                "2024-01-01",
                "--output-dir",
                "out",
            ],
            exits=(0,),
        ),
        case(root, "bad-jobs", {"profile.yaml": PERSON}, ["build", "--jobs", "many"], exits=(2,)),
        case(root, "bad-date", {"profile.yaml": PERSON}, ["build", "--date", "soon"], exits=(2,)),
    ]
    print(json.dumps(cases))


if __name__ == "__main__":
    main()
