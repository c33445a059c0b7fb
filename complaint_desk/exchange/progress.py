"""Progress and cancel for long work (exports, imports): a callback the GUI's worker passes.

``progress(done, total)`` returns False to cancel; the work then raises ``Cancelled`` from
inside its transaction or temporary file, so nothing is left behind."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], bool | None]


class Cancelled(Exception):
    """The user cancelled; everything done so far was undone."""


def tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled()
