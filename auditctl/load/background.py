"""Work done beside the reading thread: a call run in a thread of its own (or at once), whose
result or exception the reader takes when it needs it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """`work()` run in a daemon thread (`background`) or here and now; `result()` waits for it
    and returns its value, or raises its exception in the caller's thread."""

    def __init__(self, work: Callable[[], T], background: bool = True) -> None:
        self._work = work
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        else:
            self._run()

    def _run(self) -> None:
        try:
            self._result = self._work()
        except BaseException as exc:  # raised again, in the reading thread, by result()
            self._error = exc
        finally:
            del self._work  # what the work held (a workbook, say) goes with it

    @property
    def background(self) -> bool:
        return self._thread is not None

    def done(self) -> bool:
        return self._thread is None or not self._thread.is_alive()

    def result(self) -> T:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]  # set whenever no error was
