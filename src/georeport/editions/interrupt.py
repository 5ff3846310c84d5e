"""A build stopped by a signal stops cleanly, and says so in one line.

Python ends a process at SIGTERM (``kill``, a CI's cancel) and SIGHUP (a
closed terminal) without unwinding anything, and turns SIGINT (Ctrl-C) into
a KeyboardInterrupt, which Sphinx reports as its own failure. While
:func:`handled` is in force, each of them raises :class:`Interrupted`
instead: a BaseException that neither Sphinx nor an ``except Exception``
takes for an error of the build, so it unwinds the build to its end, where
what was staged and not published goes (:mod:`.publish`) and the programs
still typesetting are stopped (:mod:`.typeset`). A signal the shell ignores
(``nohup``, a background job) stays ignored.

The few renames that publish the editions are not cut in two: a signal
received during them (:func:`deferred`) takes effect once they are done.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

#: The signals that stop a build cleanly.
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """The build was stopped by ``signum``; ``published``: after the new
    editions had taken the old ones' place."""

    def __init__(self, signum: int, published: bool = False) -> None:
        super().__init__(signum)
        self.signum = signum
        self.published = published

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


class _State:
    received: int | None = None  #: the first signal, once received
    deferring = 0  #: depth of :func:`deferred`
    pending = False  #: received during :func:`deferred`, not raised yet


_state = _State()


def _handler(signum: int, _frame: FrameType | None) -> None:
    if _state.received is not None:
        return  # the build is stopping already: let it clean up
    _state.received = signum
    if _state.deferring:
        _state.pending = True
        return
    raise Interrupted(signum)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Stop on the :data:`SIGNALS` by raising :class:`Interrupted` for the
    duration (in the main thread, where Python runs signal handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, _handler)
    try:
        yield
    finally:
        for signum, action in previous.items():
            signal.signal(signum, action)
        _state.received, _state.pending = None, False


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A step that must not stop half-way: a signal received during it
    raises :class:`Interrupted` once it is done (not when it failed)."""
    _state.deferring += 1
    try:
        yield
    finally:
        _state.deferring -= 1
    if _state.pending and not _state.deferring and _state.received is not None:
        _state.pending = False
        raise Interrupted(_state.received)
