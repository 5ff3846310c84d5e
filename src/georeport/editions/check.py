"""Is the site ready to go online? ``georeport check``, one line a problem.

What a journal must not publish by mistake, checked on the settings, the
reports and the built HTML edition, with nothing but the files (no Sphinx,
no network):

* the settings readers and indexers need: an absolute https base URL, the
  rights statement and the licence, DOIs for every report when deposits are
  configured;
* every report readable (its front matter) and built since it last changed;
* no page published for a report that is no more, or for a draft;
* every link and image of every page, and every ``#anchor`` they name,
  resolving inside ``build/html`` (links outside it are not followed);
* the sitemap's and the feed's addresses absolute, under the base URL.

Each problem is one ``FILE[:LINE]: what: fix`` line, as the build's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from ..model import MetadataError, Report, read_report
from ..project import Settings, conf_line, hidden_patterns, read_settings

#: Where an HTML element names another file of the site.
LINKS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
#: Files of build/html that record the build, not pages (Sphinx's own).
_NOT_PAGES = ("_static/", "_sources/", "_images/", "_downloads/")
_ATOM = "{http://www.w3.org/2005/Atom}"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Checked:
    """What :func:`check` found: the problems, and how much it looked at."""

    problems: list[str] = field(default_factory=list)
    pages: int = 0
    links: int = 0


def check(source: Path, build: Path) -> Checked:
    """Check the project in ``source`` and its HTML edition in ``build/html``."""
    found = Checked()
    settings = read_settings(source)
    site = build / "html"
    found.problems += settings_problems(settings)
    reports = _reports(settings, found.problems)
    if not site.is_dir():
        found.problems.append(f"{site}: no HTML edition: build it (./noxw)")
        return found
    found.problems += freshness(settings, build, reports)
    found.problems += stray_pages(settings, site, reports)
    links = LinkCheck(site)
    found.problems += links.run()
    found.pages, found.links = links.pages, links.links
    found.problems += crawler_files(settings, site)
    return found


def settings_problems(settings: Settings) -> list[str]:
    """What readers and indexers need of ``conf.py``."""
    source = settings.source

    def at(setting: str) -> str:
        return conf_line(source, setting)

    problems = []
    base = settings.text("georeport_base_url")
    if not base:
        problems.append(
            f"{at('georeport_base_url')}: georeport_base_url is not set: the "
            "canonical addresses, the sitemap and the feed need the site's "
            'address: set georeport_base_url = "https://..."'
        )
    elif not base.startswith("https://"):
        problems.append(
            f"{at('georeport_base_url')}: georeport_base_url {base!r} is not an "
            "https address: serve the site over https and set its https address"
        )
    if not settings.text("georeport_rights"):
        problems.append(
            f"{at('georeport_rights')}: georeport_rights is not set: state who "
            'holds the copyright, e.g. georeport_rights = "© {year} Publisher"'
        )
    if not settings.text("georeport_license"):
        problems.append(
            f"{at('georeport_license')}: georeport_license is not set: readers "
            "and indexers (DOAJ, Crossref) look for the licence of every report: "
            'set its SPDX identifier, e.g. georeport_license = "CC-BY-4.0"'
        )
    return problems


def _reports(settings: Settings, problems: list[str]) -> list[Report]:
    """Every report, read through the model; a fault is a problem at its line."""
    try:
        journal = settings.journal
    except MetadataError as err:
        setting = str(err).split(":", 1)[0]
        problems.append(f"{conf_line(settings.source, setting)}: {err}")
        return []
    deposits = bool(settings.text("georeport_crossref_depositor_name"))
    reports = []
    for docname, path in settings.report_files():
        try:
            report = read_report(docname, path, journal)
        except MetadataError as err:
            problems.append(f"{path}:{err.line or 1}: {err}")
            continue
        if deposits and not report.doi:
            problems.append(
                f"{path}:1: the report has no DOI, and its issue's Crossref "
                "deposit is configured: add doi: to its front matter, or set "
                "georeport_doi_prefix in conf.py to make one"
            )
        reports.append(report)
    return reports


def _sources(settings: Settings) -> Iterator[Path]:
    """The files a build reads: the source folder's and the BibTeX files."""
    for path in settings.source.rglob("*"):
        if path.is_file() and not any(p.startswith(".") for p in path.parts):
            yield path
    for name in settings.get("bibtex_bibfiles") or []:
        yield (settings.source / name).resolve()


def freshness(settings: Settings, build: Path, reports: list[Report]) -> list[str]:
    """Sources changed since the HTML edition was last built."""
    record = build / "doctrees" / "html.json"
    if not record.is_file():
        return [f"{build / 'html'}: not built by ./noxw: build it (./noxw)"]
    built = record.stat().st_mtime
    changed = sorted(
        {p for p in _sources(settings) if p.is_file() and p.stat().st_mtime > built}
    )
    return [
        f"{path}: changed since build/html was built: build again (./noxw)"
        for path in changed
    ]


def stray_pages(settings: Settings, site: Path, reports: list[Report]) -> list[str]:
    """Report pages of build/html that no current report makes: a report
    removed or renamed since, or a draft."""
    folder = settings.reports_dir.strip("/")
    pages = site / folder
    if not pages.is_dir():
        return []
    current = {f"{report.docname}.html" for report in reports}
    drafts = hidden_patterns(folder)
    problems = []
    for page in sorted(pages.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if name in current:
            continue
        draft = any(page.relative_to(site).match(p + ".html") for p in drafts)
        what = "a draft's page" if draft else "a page of no report of docs/"
        problems.append(
            f"{page}: {what} is in the HTML edition: build again (./noxw), which "
            "publishes exactly the current reports"
        )
    return problems


class LinkCheck:
    """Every link, image, stylesheet and script of every page of a site,
    and every ``#anchor`` they name, resolved inside the site's folder."""

    def __init__(self, site: Path) -> None:
        self.site = site.resolve()
        self.pages = 0
        self.links = 0
        self._ids: dict[Path, set[str]] = {}

    def run(self) -> list[str]:
        problems = []
        for page in sorted(self.site.rglob("*.html")):
            relative = page.relative_to(self.site).as_posix()
            if relative.startswith(_NOT_PAGES):
                continue
            self.pages += 1
            problems += self._page(page)
        return problems

    def _ids_of(self, page: Path) -> set[str]:
        if page not in self._ids:
            tree = lxml_html.parse(str(page))
            self._ids[page] = {str(e.get("id")) for e in tree.iter() if e.get("id")}
        return self._ids[page]

    def _page(self, page: Path) -> list[str]:
        problems = []
        tree = lxml_html.parse(str(page))
        for tag, attribute in LINKS.items():
            for element in tree.iter(tag):
                value = element.get(attribute)
                if value is None or (
                    tag == "link" and element.get("rel") == "canonical"
                ):
                    continue
                problem = self._link(page, value.strip())
                if problem:
                    problems.append(f"{page}: {tag} {value!r}: {problem}")
        return problems

    def _link(self, page: Path, value: str) -> str:
        """What is wrong with one address of a page, or ``""``."""
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            return ""  # another site's (or mailto:): not followed offline
        self.links += 1
        if parts.path.startswith("/"):
            return (
                "an address from the host's root breaks when the site is served "
                "under a path: write it relative to the page"
            )
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if not target.is_relative_to(self.site):
            return "leads outside build/html: link a file of the site"
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return "no such file in build/html: correct the link, or build again"
        fragment = unquote(parts.fragment)
        if (
            fragment
            and target.suffix == ".html"
            and fragment not in self._ids_of(target)
        ):
            return f"{target.name} has no #{fragment}: correct the link"
        return ""


def crawler_files(settings: Settings, site: Path) -> list[str]:
    """The sitemap's and the feed's addresses: absolute, under the base URL."""
    base = settings.text("georeport_base_url")
    if not base:
        return []  # said with the settings
    base = base if base.endswith("/") else base + "/"
    problems = []
    for name, addresses in (("sitemap.xml", _sitemap), ("atom.xml", _feed)):
        path = site / name
        if not path.is_file():
            problems.append(f"{path}: missing: build again (./noxw)")
            continue
        try:
            found = addresses(etree.parse(str(path)))
        except etree.XMLSyntaxError as err:
            problems.append(f"{path}:{err.lineno}: not XML ({err.msg}): build again")
            continue
        for address in found:
            if not address.startswith(base):
                problems.append(
                    f"{path}: {address!r} is not under the base URL {base}: "
                    "build again with the base URL the site is served from"
                )
    return problems


def _sitemap(tree: etree._ElementTree) -> list[str]:
    return [str(e.text or "").strip() for e in tree.iter(f"{_SITEMAP}loc")]


def _feed(tree: etree._ElementTree) -> list[str]:
    return [str(e.get("href")) for e in tree.iter(f"{_ATOM}link") if e.get("href")]
