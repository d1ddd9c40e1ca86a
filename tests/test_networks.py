"""The one network table (cvgen/networks.py): both icons for every network, and a profile
link that goes out to the homepage comes back naming the same network."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cvgen.formats.homepage import read_homepage
from cvgen.formats.homepage_export import render_homepage
from cvgen.formats.mkdocs import icon_for_network, network_for_icon
from cvgen.layout import icons
from cvgen.networks import NETWORKS, Network, icon_name, network_key, network_named
from cvgen.profile import Profile
from cvgen.validation import validate

BY_NAME = {network.name: network for network in NETWORKS}


def ids(network: Network) -> str:
    return network.name


@pytest.mark.parametrize("network", NETWORKS, ids=ids)
def test_every_network_has_a_pdf_icon_and_a_page_icon(network: Network) -> None:
    assert network.pdf_icon in icons.ICONS
    assert icons.icon_box(network.pdf_icon, 10).width > 0  # an outline in a bundled font
    assert network.page_icon.startswith(
        ("fontawesome-brands-", "fontawesome-solid-", "simple-")
    )  # sets MkDocs-Material ships; Academicons would need files a new site lacks
    assert icon_name(network.page_icon)  # something after the set's prefix


@pytest.mark.parametrize("network", NETWORKS, ids=ids)
def test_a_network_is_found_by_its_own_name(network: Network) -> None:
    assert network_key(network.name) in network.spellings
    assert all(network_key(spelling) == spelling for spelling in network.spellings)
    assert network_named(f"  {network.name.upper()} ") is network


def test_no_spelling_or_page_icon_names_two_networks() -> None:
    spellings = [s for network in NETWORKS for s in network.spellings]
    assert len(spellings) == len(set(spellings))
    read = [icon for network in NETWORKS for icon in network.read_icons]
    assert len(read) == len(set(read))


def test_a_network_the_page_cannot_tell_apart_names_the_one_it_reads_as() -> None:
    for network in NETWORKS:
        if network.page_reads_as is not None:
            assert network.page_reads_as in BY_NAME
            assert network_for_icon(network.page_icon) == network.page_reads_as
    assert BY_NAME["Twitter"].pdf_icon != BY_NAME["X"].pdf_icon  # the PDF keeps the bird


def test_homepage_export_then_import_keeps_every_network(tmp_path: Path) -> None:
    # Twitter comes back as X: one page could not hold both, so they go on two pages.
    own_icon = [network for network in NETWORKS if network.page_reads_as is None]
    shared_icon = [network for network in NETWORKS if network.page_reads_as is not None]
    for page, networks in [("own", own_icon), ("shared", shared_icon)]:
        assert round_trip(tmp_path / f"{page}.md", networks) == [
            network.page_reads_as or network.name for network in networks
        ]


def round_trip(page: Path, networks: list[Network]) -> list[str]:
    """The networks of the profile links read back from the page exported for them."""
    links = [
        {"network": network.name, "url": f"https://example.org/{index}"}
        for index, network in enumerate(networks)
    ]
    profile = validate(Profile, {"person": {"name": "Ana Doe", "profiles": links}})
    text = render_homepage(profile, cv_link=None)
    for network in networks:
        assert f"[:{network.page_icon}:](" in text  # an icon, not a named generic link
    page.write_text(text, encoding="utf-8")
    result = read_homepage(page)
    assert result.notes == []
    read = result.data["person"]["profiles"]
    assert [link["url"] for link in read] == [link["url"] for link in links]
    return [link["network"] for link in read]


@pytest.mark.parametrize("network", NETWORKS, ids=ids)
def test_mkdocs_social_spelling_of_a_page_icon_reads_back(network: Network) -> None:
    as_in_mkdocs_yml = network.page_icon.replace(
        "-", "/", 2 if "fontawesome" in network.page_icon else 1
    )
    assert network_for_icon(as_in_mkdocs_yml) == (network.page_reads_as or network.name)
    assert icon_for_network(network.name) == network.page_icon


@pytest.mark.site
@pytest.mark.skipif(
    importlib.util.find_spec("material") is None,
    reason="MkDocs-Material is not installed: pip install -e '.[site]' (CI installs it)",
)
def test_every_page_icon_is_one_mkdocs_material_ships() -> None:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None
    shipped = Path(spec.origin).parent / "templates" / ".icons"
    for network in NETWORKS:
        icon_set, _, name = network.page_icon.partition("-")
        if icon_set == "fontawesome":
            style, _, name = name.partition("-")
            icon_set = f"fontawesome/{style}"
        assert (shipped / icon_set / f"{name}.svg").is_file(), network.page_icon
