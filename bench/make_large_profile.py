"""Write a large, deterministic profile for the benchmark: a long academic CV.

    python bench/make_large_profile.py OUT_DIR [--seed 1] [--publications 500]
                                              [--experience 100] [--no-images]

OUT_DIR receives ``large-profile.yaml``, ``large-profile.txt`` (the same text without
markup, one paragraph a line, for the bare-reportlab baseline) and, unless
``--no-images``, a copy of the bundled portrait and logos under ``images/``. The same
seed always gives the same files. Prints the path of the YAML.

Every publication names the owner among 5-12 authors (under the name or its variant,
sometimes as equal contributor), so author highlighting is exercised; some bullets carry
inline ``[links](https://...)`` and ``**bold**`` runs.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OWNER = "Hexu Zhao"
OWNER_VARIANT = "H. Zhao"

FIRST_NAMES = (
    "Alice",
    "Bo",
    "Chen",
    "Dmitri",
    "Elena",
    "Farah",
    "Gustavo",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Qiang",
    "Rosa",
    "Sven",
    "Tomoko",
    "Umar",
    "Vera",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zara",
    "Lianmin",
    "Zhuohan",
    "Ion",
    "Joseph",
    "Hao",
    "Yonghao",
    "Jinyang",
    "Aurojit",
    "Eric",
    "Qirong",
    "Weize",
    "Yankai",
    "Maosong",
    "Ying",
)
LAST_NAMES = (
    "Anderson",
    "Becker",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Li",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Varga",
    "Wang",
    "Xu",
    "Yamamoto",
    "Zheng",
    "Zhuang",
    "Stoica",
    "Gonzalez",
    "Panda",
    "Xing",
    "Ho",
    "Chen",
    "Han",
    "Lin",
    "Liu",
    "Sun",
    "Zhou",
)
TITLE_WORDS = (
    "Scalable",
    "Efficient",
    "Distributed",
    "Adaptive",
    "Memory-Efficient",
    "Communication-Aware",
    "Sparse",
    "Heterogeneous",
    "Elastic",
    "Fault-Tolerant",
    "Pipeline",
    "Tensor",
    "Model",
    "Data",
    "Parallelism",
    "Training",
    "Inference",
    "Serving",
    "Large",
    "Language",
    "Models",
    "Graph",
    "Neural",
    "Networks",
    "Mixture-of-Experts",
    "Compilation",
    "Scheduling",
    "Kernels",
    "GPUs",
    "Clusters",
    "Accelerators",
    "Optimization",
    "Quantization",
    "Hyperbolic",
    "Embeddings",
    "Attention",
    "Transformers",
    "Gradient",
    "Compression",
    "Checkpointing",
    "Resharding",
    "Placement",
    "Autotuning",
    "Workloads",
    "Systems",
    "Learning",
)
TITLE_HEADS = (
    "Towards",
    "On",
    "Rethinking",
    "Revisiting",
    "Understanding",
    "Accelerating",
    "Automating",
    "Scaling",
    "Taming",
    "Optimizing",
)
VENUES = (
    "MLSys",
    "OSDI",
    "SOSP",
    "NSDI",
    "EuroSys",
    "ATC",
    "ASPLOS",
    "ISCA",
    "NeurIPS",
    "ICML",
    "ICLR",
    "ACL",
    "EMNLP",
    "SC",
    "PPoPP",
    "VLDB",
    "SIGMOD",
)
STATUSES = ("In submission to", "Under review at", "To appear in")
ROLES = (
    "Research Assistant",
    "Research Intern",
    "Engineering Intern",
    "Visiting Researcher",
    "Software Engineer",
    "Teaching Assistant",
    "Graduate Researcher",
    "Student Researcher",
)
ORGANIZATIONS = (
    "MBZUAI",
    "Tsinghua NLP Lab",
    "Shanghai Andrew Yao Research Institute",
    "Polyhedra",
    "Haihua Research Institute",
    "Microsoft DeepSpeed Team",
    "Courant Institute, NYU",
    "Google Brain",
    "Meta FAIR",
    "NVIDIA Research",
    "Alibaba DAMO Academy",
    "ByteDance AI Lab",
)
PLACES = (
    "New York, USA",
    "Beijing, China",
    "Abu Dhabi, UAE",
    "Seattle, USA",
    "Shanghai, China",
    "Zurich, Switzerland",
    "London, UK",
    "Toronto, Canada",
)
VERBS = (
    "Designed",
    "Implemented",
    "Evaluated",
    "Profiled",
    "Optimized",
    "Led",
    "Built",
    "Maintained",
    "Benchmarked",
    "Prototyped",
    "Extended",
    "Analysed",
)
PHRASES = (
    "a distributed training runtime for large transformer models",
    "communication kernels that overlap computation with collective operations",
    "an automatic planner for inter- and intra-operator parallelism",
    "a memory manager that offloads activations to host memory",
    "the evaluation pipeline on a 64-GPU cluster with mixed interconnects",
    "a scheduler that packs inference requests onto shared accelerators",
    "the data loader, removing the input bottleneck for vision workloads",
    "a cost model that predicts step time within ten percent",
    "fault-tolerant checkpointing with incremental snapshots",
    "sparse expert routing with load balancing across devices",
)
OUTCOMES = (
    "improving end-to-end throughput by {n}%",
    "cutting peak memory by {n}%",
    "reducing time to accuracy by {n}%",
    "adopted by {n} downstream teams",
    "accepted at {venue}",
    "released as open source with {n} contributors",
)
LOGOS = ("nyu.png", "tsinghua.png", "mbzuai.png", "polyhedra.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--publications", type=int, default=500)
    parser.add_argument("--experience", type=int, default=100)
    parser.add_argument("--no-images", action="store_true")
    args = parser.parse_args()
    path = write_large_profile(
        args.out_dir,
        seed=args.seed,
        publications=args.publications,
        experience=args.experience,
        images=not args.no_images,
    )
    print(path)


def write_large_profile(
    out_dir: Path,
    *,
    seed: int = 1,
    publications: int = 500,
    experience: int = 100,
    images: bool = True,
) -> Path:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    if images:
        _copy_images(out_dir / "images")
    profile = _profile(rng, publications=publications, experience=experience, images=images)
    target = out_dir / "large-profile.yaml"
    text = yaml.safe_dump(profile, sort_keys=False, allow_unicode=True, width=100)
    target.write_text(
        f"# Generated by bench/make_large_profile.py (seed {seed}); do not edit.\n{text}",
        encoding="utf-8",
    )
    (out_dir / "large-profile.txt").write_text(
        "\n".join(_plain_lines(profile)) + "\n", encoding="utf-8"
    )
    return target


def _copy_images(folder: Path) -> None:
    source = ROOT / "assets" / "images"
    (folder / "logos").mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "portrait.jpg", folder / "portrait.jpg")
    for name in LOGOS:
        shutil.copy2(source / "logos" / name, folder / "logos" / name)


def _profile(rng: random.Random, *, publications: int, experience: int, images: bool) -> dict:
    person: dict = {
        "name": OWNER,
        "name_variants": [OWNER_VARIANT],
        "tagline": "Aspiring and striving to become a skilled machine learning system researcher.",
        "email": "hz3496@nyu.edu",
        "homepage": {"label": "Personal Homepage", "url": "https://tarzanzhao.github.io/"},
        "location": "New York, USA",
        "profiles": [
            {
                "network": "Google Scholar",
                "url": "https://scholar.google.com/citations?user=ylKFMAkAAAAJ",
            },
            {"network": "GitHub", "url": "https://github.com/TarzanZhao", "username": "TarzanZhao"},
        ],
    }
    if images:
        person["portrait"] = "images/portrait.jpg"
    education: list[dict] = [
        {
            "institution": "Courant Institute, New York University",
            "url": "https://cs.nyu.edu/home/index.html",
            "location": "New York, USA",
            "start": "2023-09",
            "end": "present",
            "degree": "*Ph.D* in ML system",
            "advisors": [
                {"title": "Prof.", "name": "Jinyang Li"},
                {"title": "Prof.", "name": "Aurojit Panda"},
            ],
        },
        {
            "institution": "Honored Yao Class, Tsinghua University",
            "location": "Beijing, China",
            "start": "2019-09",
            "end": "2023-06",
            "degree": "*Bachelor of Computer Science*",
        },
    ]
    if images:
        education[0]["logo"] = "images/logos/nyu.png"
        education[1]["logo"] = "images/logos/tsinghua.png"
    return {
        "person": person,
        "settings": {"page_size": "A4", "date_format": "MM/YYYY", "date_separator": " - "},
        "sections": [
            {
                "title": "Education",
                "kind": "education",
                "date_format": "YYYY",
                "entries": education,
            },
            {
                "title": "Publications",
                "kind": "publications",
                "entries": [_publication(rng, i) for i in range(publications)],
            },
            {
                "title": "Experience",
                "kind": "experience",
                "entries": [_experience(rng, i, images) for i in range(experience)],
            },
            {
                "title": "Academic Referees",
                "kind": "referees",
                "entries": [
                    {"title": "Prof.", "name": "Jinyang Li", "email": "jinyang@cs.nyu.edu"},
                    {"title": "Prof.", "name": "Aurojit Panda", "email": "apanda@cs.nyu.edu"},
                    {"title": "Prof.", "name": "Hao Zhang", "email": "haozhang@ucsd.edu"},
                ],
            },
        ],
    }


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _title(rng: random.Random) -> str:
    words = rng.sample(TITLE_WORDS, rng.randint(5, 12))
    title = " ".join([rng.choice(TITLE_HEADS), *words])
    if rng.random() < 0.3:
        title = f"{rng.choice(TITLE_WORDS)}: {title}"
    return title


def _publication(rng: random.Random, index: int) -> dict:
    count = rng.randint(5, 12)
    authors: list = []
    while len(authors) < count - 1:
        name = _name(rng)
        if name not in authors:
            authors.append(name)
    owner_at = rng.randrange(count)
    roll = rng.random()
    if roll < 0.15:
        owner: object = f"{OWNER}*"
        authors[0] += "*"
    elif roll < 0.2:
        owner = {"name": OWNER, "equal": True, "note": "co-1st author"}
    elif roll < 0.35:
        owner = OWNER_VARIANT
    else:
        owner = OWNER
    authors.insert(owner_at, owner)
    year = 2024 - index // 40
    entry: dict = {"title": _title(rng)}
    if rng.random() < 0.5:
        month, number = rng.randint(1, 12), rng.randint(10000, 99999)
        entry["url"] = f"https://arxiv.org/abs/{year % 100:02d}{month:02d}.{number}"
    entry["authors"] = authors
    if rng.random() < 0.1:
        entry["status"] = rng.choice(STATUSES)
    entry["venue"] = f"{rng.choice(VENUES)} {year}"
    entry["date"] = str(year)
    links = []
    if rng.random() < 0.4:
        prefix, number = rng.randint(1000, 2400), rng.randint(10000, 99999)
        links.append({"label": "arXiv", "url": f"https://arxiv.org/pdf/{prefix}.{number}.pdf"})
    if rng.random() < 0.2:
        links.append({"label": "Code", "url": f"https://github.com/example/project-{index}"})
    if links:
        entry["links"] = links
    return entry


def _experience(rng: random.Random, index: int, images: bool) -> dict:
    start = (2023 - index // 5) * 12 + rng.randrange(12)  # in months
    end = start + rng.randint(2, 18)
    entry: dict = {"role": rng.choice(ROLES), "organization": rng.choice(ORGANIZATIONS)}
    if rng.random() < 0.4:
        entry["url"] = f"https://example.org/lab-{index}"
    if images and rng.random() < 0.25:
        entry["logo"] = f"images/logos/{rng.choice(LOGOS)}"
    entry["location"] = rng.choice(PLACES)
    entry["start"] = f"{start // 12}-{start % 12 + 1:02d}"
    entry["end"] = "present" if index == 0 else f"{end // 12}-{end % 12 + 1:02d}"
    if rng.random() < 0.5:
        entry["advisors"] = [
            {"title": "Prof.", "name": _name(rng)} for _ in range(rng.randint(1, 2))
        ]
    entry["bullets"] = [_bullet(rng, index) for _ in range(3)]
    return entry


def _bullet(rng: random.Random, index: int) -> str:
    phrase = rng.choice(PHRASES)
    if rng.random() < 0.3:
        phrase = f"[{phrase}](https://example.org/work/{index}/{rng.randint(1, 999)})"
    template, n = rng.choice(OUTCOMES), rng.randint(5, 90)
    outcome = template.format(n=n, venue=f"{rng.choice(VENUES)} {2024 - index // 10}")
    if rng.random() < 0.3:
        outcome = f"**{outcome}**"
    sentence = f"{rng.choice(VERBS)} {phrase}, {outcome}"
    if rng.random() < 0.5:
        sentence += f"; worked closely with {_name(rng)} and {_name(rng)} on {rng.choice(PHRASES)}"
    return sentence + "."


_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"\*(.+?)\*")


def _plain(text: str) -> str:
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", _LINK.sub(r"\1", text)))


def _plain_lines(profile: dict) -> list[str]:
    """The visible text of the CV, one paragraph a line, as the baseline lays it out."""
    person = profile["person"]
    contact = f"{person['email']} · {person['homepage']['label']}"
    lines = [person["name"].upper(), contact, person["tagline"]]
    for section in profile["sections"]:
        lines.append(section["title"])
        for entry in section["entries"]:
            lines.extend(_entry_lines(section["kind"], entry))
    return lines


def _entry_lines(kind: str, entry: dict) -> list[str]:
    dates = f"{entry.get('start', '')} - {entry.get('end', '')}"
    if kind == "education":
        return [
            f"{entry['institution']}  {entry.get('location', '')}",
            f"{_plain(entry.get('degree', ''))}  {dates}",
        ]
    if kind == "publications":
        authors = ", ".join(
            a if isinstance(a, str) else f"{a['name']}*({a['note']})" for a in entry["authors"]
        )
        venue = " ".join(filter(None, (entry.get("status"), entry["venue"])))
        venue += "".join(f"  {link['label']}" for link in entry.get("links", []))
        return [entry["title"], authors, venue]
    if kind == "experience":
        head = [f"{entry['role']} at {entry['organization']}  {dates}"]
        if entry.get("advisors"):
            names = " and ".join(f"{a['title']} {a['name']}" for a in entry["advisors"])
            head.append(f"Advised by {names}  {entry['location']}")
        return head + [_plain(b) for b in entry["bullets"]]
    return [f"{entry.get('title', '')} {entry['name']}: {entry.get('email', '')}"]


if __name__ == "__main__":
    main()
