"""What makes a rebuild fast changes nothing else (issue 17).

* the garbage collector, paused while Sphinx loads its environment, runs
  again after, with Python's thresholds once the build is done (and nothing
  stays frozen), whether the build succeeds or not;
* the templates Jinja compiled are kept beside the environment, used by the
  next build, and compiled again when a template changes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic
from sphinx.testing.util import SphinxTestApp

from georeport.sphinxext import gc_pause
from georeport.sphinxext.theme import COMPILED

from .conftest import ROOTS, STRICT, warnings_of

BASE = ROOTS / "test-base"


def _build(make_app: Callable[..., SphinxTestApp], srcdir: Path) -> SphinxTestApp:
    app = make_app("html", srcdir=srcdir, confoverrides=STRICT)
    app.build()
    app.cleanup()
    assert not warnings_of(app), warnings_of(app)
    return app


@pytest.fixture
def project(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(BASE, tmp_path / "src")
    return tmp_path / "src"


def test_the_collector_runs_again_after_each_build(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    assert gc.isenabled()
    thresholds = gc.get_threshold()
    for _ in range(2):  # a clean build, then one that loads the environment
        _build(make_app, project)
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold() == thresholds


def test_a_build_that_fails_before_loading_leaves_the_next_one_right() -> None:
    """A build stopped between ``config-inited`` and ``builder-inited``."""
    assert gc.isenabled()
    gc_pause.pause(None, None)  # type: ignore[arg-type]
    assert not gc.isenabled()
    # ... the build fails here; the next build of the process starts:
    gc_pause.pause(None, None)  # type: ignore[arg-type]
    gc_pause.resume(None)  # type: ignore[arg-type]
    assert gc.get_threshold() == gc_pause.THRESHOLDS
    gc_pause.unfreeze(None, None)  # type: ignore[arg-type]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() != gc_pause.THRESHOLDS


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        gc_pause.pause(None, None)  # type: ignore[arg-type]
        gc_pause.resume(None)  # type: ignore[arg-type]
        assert not gc.isenabled()
    finally:
        gc_pause.unfreeze(None, None)  # type: ignore[arg-type]
        gc.enable()


def test_compiled_templates_are_kept_and_follow_their_source(
    make_app: Callable[..., SphinxTestApp], project: Path
) -> None:
    app = _build(make_app, project)
    folder = Path(app.doctreedir) / COMPILED
    kept = {p: p.stat().st_mtime_ns for p in folder.glob("__jinja2_*.cache")}
    assert kept, "no template was kept compiled"
    output = Path(app.outdir) / "index.html"
    page, written = output.read_text(encoding="utf-8"), output.stat().st_mtime_ns

    # a page written again with the same templates: read from the cache
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    app = _build(make_app, project)
    assert output.stat().st_mtime_ns != written, "the page was not written again"
    assert {p: p.stat().st_mtime_ns for p in folder.glob("__jinja2_*.cache")} == kept
    assert output.read_text(encoding="utf-8") == page

    # a project template overrides the theme's page: compiled anew, and used
    (project / "_templates").mkdir(exist_ok=True)
    (project / "conf.py").write_text(
        (project / "conf.py").read_text(encoding="utf-8")
        + '\ntemplates_path = ["_templates"]\n',
        encoding="utf-8",
    )
    (project / "_templates" / "page.html").write_text(
        '{% extends "!page.html" %}{% block body %}MARK-1{{ super() }}{% endblock %}',
        encoding="utf-8",
    )
    app = _build(make_app, project)
    assert "MARK-1" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    (project / "_templates" / "page.html").write_text(
        '{% extends "!page.html" %}{% block body %}MARK-2{{ super() }}{% endblock %}',
        encoding="utf-8",
    )
    app = _build(make_app, project)
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "MARK-2" in html
    assert "MARK-1" not in html


@pytest.mark.parametrize("damage", ["cut", "garbage", "empty"])
def test_a_damaged_compiled_template_is_compiled_again(
    make_app: Callable[..., SphinxTestApp], project: Path, damage: str
) -> None:
    """A cache file cut short (a full disk, a crash) or damaged: the next
    build compiles the template again and writes the same page."""
    app = _build(make_app, project)
    folder = Path(app.doctreedir) / COMPILED
    output = Path(app.outdir) / "index.html"
    page = output.read_text(encoding="utf-8")
    files = sorted(folder.glob("__jinja2_*.cache"))
    assert files
    for file in files:
        data = file.read_bytes()
        file.write_bytes(
            {
                # inside the checksum that follows Jinja's header
                "cut": data[: len(bc_magic) + 5],
                "garbage": b"not a template",
                "empty": b"",
            }[damage]
        )
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _build(make_app, project)
    assert output.read_text(encoding="utf-8") == page
    # ... and the templates that page used are kept whole again
    assert any(len(file.read_bytes()) > 100 for file in files)
