"""Python's garbage collector paused while Sphinx loads its environment.

Unpickling the environment of a large archive (5 MB, millions of objects for
200 reports) sets off the collector again and again, each time over every
object loaded so far: 0.3 to 0.7 s of a rebuild that reads one report,
against 0.08 s with the collector off. So the collector is off from
``config-inited`` (just before the load) to ``builder-inited`` (just after
it); then what is loaded is frozen (:func:`gc.freeze`: later collections
skip it) and the collector runs again as before, for the rest of the build,
so a clean build's memory stays what it was. ``build-finished`` unfreezes it,
for a process that runs many builds (the tests, a preview).

A build that fails between the two events leaves the collector off until the
next build of the process starts, which turns it on again.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Did a build of this process turn the collector off, and not yet on?
_paused = False


def pause(_app: Sphinx, _config: Config) -> None:
    """``config-inited``: the collector off while the environment loads."""
    global _paused
    if _paused:  # an earlier build failed before resume: on again first
        gc.enable()
        _paused = False
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(_app: Sphinx) -> None:
    """``builder-inited``: the loaded environment frozen, the collector on."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


def unfreeze(_app: Sphinx, _exception: BaseException | None) -> None:
    """``build-finished``: what was frozen is collected again when unused."""
    gc.unfreeze()
