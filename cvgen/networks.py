"""The networks a profile link may name, and the icon each shows in the PDF and on the page.

One table for both sides: the CV's contact line draws ``pdf_icon`` (a name in
``layout/icons.ICONS``), the homepage export writes ``page_icon`` (an MkDocs-Material
shortcode) and the homepage import reads that icon back as ``name``. Where the two sides
differ, the difference is a field here, not a second table:

- the page shows only icon sets MkDocs-Material ships (Academicons would need icon files a
  new site lacks, and an unknown shortcode shows as its literal text), so DBLP, Semantic
  Scholar and arXiv use Simple Icons there and Academicons in the PDF;
- ``also_read`` lists other icon names (set prefix dropped) an owner's page may use for the
  same network (``linkedin-in``, Simple Icons' ``googlescholar``, the old Twitter bird);
- Twitter keeps its bird in the PDF, but the page has one icon for X and Twitter, so a
  Twitter link comes back from the page as X (``page_reads_as``).
"""

from __future__ import annotations

import re

from cvgen.values import Value, frozen


@frozen
class Network(Value):
    name: str  # how an import names it, and how README and messages spell it
    spellings: tuple[str, ...]  # what a profile's `network:` may say, folded by network_key
    pdf_icon: str  # a name in layout/icons.ICONS
    page_icon: str  # a shortcode MkDocs-Material ships
    also_read: tuple[str, ...] = ()  # other page icon names that stand for this network
    page_reads_as: str | None = None  # the network the page's icon reads back as, if not this

    @property
    def read_icons(self) -> tuple[str, ...]:
        """The icon names (set prefix dropped) the homepage import reads as this network."""
        if self.page_reads_as is not None:
            return ()
        return (icon_name(self.page_icon), *self.also_read)


NETWORKS: tuple[Network, ...] = (
    Network("Email", ("email", "mail"), "email", "fontawesome-solid-envelope"),
    Network("Website", ("website", "homepage", "web"), "homepage", "fontawesome-solid-globe"),
    Network("Phone", ("phone",), "phone", "fontawesome-solid-phone"),
    Network("GitHub", ("github",), "github", "fontawesome-brands-github"),
    Network("GitLab", ("gitlab",), "gitlab", "fontawesome-brands-gitlab"),
    Network("LinkedIn", ("linkedin",), "linkedin", "fontawesome-brands-linkedin", ("linkedin-in",)),
    Network(
        "Google Scholar",
        ("googlescholar", "scholar"),
        "google-scholar",
        "fontawesome-brands-google-scholar",
        ("googlescholar",),
    ),
    Network("ORCID", ("orcid",), "orcid", "fontawesome-brands-orcid"),
    Network("ResearchGate", ("researchgate",), "researchgate", "fontawesome-brands-researchgate"),
    Network("Zhihu", ("zhihu", "知乎"), "zhihu", "fontawesome-brands-zhihu"),
    Network(
        "X",
        ("x", "xtwitter", "twitterx", "xcom"),
        "x",
        "fontawesome-brands-x-twitter",
        ("twitter",),
    ),
    Network("Twitter", ("twitter",), "twitter", "fontawesome-brands-x-twitter", page_reads_as="X"),
    Network("Mastodon", ("mastodon",), "mastodon", "fontawesome-brands-mastodon"),
    Network("Bluesky", ("bluesky",), "bluesky", "fontawesome-brands-bluesky"),
    Network(
        "Stack Overflow", ("stackoverflow",), "stack-overflow", "fontawesome-brands-stack-overflow"
    ),
    Network("Kaggle", ("kaggle",), "kaggle", "fontawesome-brands-kaggle"),
    Network("YouTube", ("youtube",), "youtube", "fontawesome-brands-youtube"),
    Network("DBLP", ("dblp",), "dblp", "simple-dblp"),
    Network("arXiv", ("arxiv",), "arxiv", "simple-arxiv"),
    Network(
        "Semantic Scholar",
        ("semanticscholar",),
        "semantic-scholar",
        "simple-semanticscholar",
        ("semantic-scholar",),
    ),
)

# Icon-set prefixes of MkDocs-Material shortcodes (and of the icons an owner's page may use).
ICON_SETS = (
    "fontawesome-brands-",
    "fontawesome-solid-",
    "fontawesome-regular-",
    "academicons-",
    "material-",
    "octicons-",
    "simple-",
)

_NOISE = re.compile(r"[\s\-_./()]+")


def network_key(network: str) -> str:
    """How a profile's network is matched: case, spaces and ``-_./()`` do not count, so
    "Google Scholar", "google-scholar" and "X (Twitter)" find their entries."""
    return _NOISE.sub("", network.casefold())


def icon_name(icon: str) -> str:
    """``fontawesome/brands/github`` or ``:fontawesome-brands-github:`` → ``github``."""
    shortcode = icon.strip().strip(":").replace("/", "-").lower()
    for prefix in ICON_SETS:
        if shortcode.startswith(prefix):
            return shortcode.removeprefix(prefix)
    return shortcode


_BY_SPELLING = {spelling: n for n in NETWORKS for spelling in n.spellings}
_BY_READ_ICON = {icon: n for n in NETWORKS for icon in n.read_icons}


def network_named(network: str) -> Network | None:
    """The entry for a profile's ``network:`` ("GitHub", "X (Twitter)", "知乎"), or None."""
    return _BY_SPELLING.get(network_key(network))


def network_of_icon(icon: str) -> Network | None:
    """The network an icon on a page stands for (any set prefix, ``/`` or ``-``), or None."""
    return _BY_READ_ICON.get(icon_name(icon))
