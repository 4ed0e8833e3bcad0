"""Which log files a run reads: the bundle's logs/ folder and every --logs PATH (file, glob, folder),
each `.csv` or `.csv.gz`, in name order, each once; and their SHA-256, for the report's inputs."""

from __future__ import annotations

import glob
import gzip
import hashlib
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditctl.diagnostics import Diagnostic
from auditctl.places import Place
from auditctl.records import InputFile

SUFFIXES = (".csv", ".csv.gz")
CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class LogFile:
    """A log file: where it is, and how the report names it (relative to the bundle when inside)."""

    path: Path
    shown: str

    @property
    def gz(self) -> bool:
        return self.path.name.lower().endswith(".gz")

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def is_log(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(SUFFIXES)


def _shown(path: Path, root: Path, given: str | None = None) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return given if given is not None else path.as_posix()


def _in_folder(folder: Path) -> list[Path]:
    return sorted((p for p in folder.rglob("*") if is_log(p)), key=lambda p: p.as_posix())


def discover(
    root: Path, bundle_logs: Sequence[str], extra: Sequence[str]
) -> tuple[list[LogFile], list[Diagnostic]]:
    """The bundle's listed logs (relative to `root`, sorted), then each --logs path's files
    (sorted within it); a file named twice is read once."""
    found: dict[Path, LogFile] = {}
    problems: list[Diagnostic] = []

    def add(path: Path, given: str | None = None) -> None:
        key = path.resolve()
        if key not in found:
            found[key] = LogFile(path, _shown(path, root, given))

    for rel in bundle_logs:
        add(root / rel)
    for spec in extra:
        path = Path(spec)
        if path.is_dir():
            files = _in_folder(path)
            if not files:
                problems.append(Diagnostic("logs.none_in_folder", Place(spec)))
            for p in files:
                add(p)
        elif path.is_file():
            if not is_log(path):
                problems.append(Diagnostic("logs.not_csv", Place(spec)))
            else:
                add(path, spec)
        elif glob.has_magic(spec):
            files = sorted(Path(p) for p in glob.glob(spec, recursive=True) if is_log(Path(p)))
            if not files:
                problems.append(Diagnostic("logs.no_match", Place(spec)))
            for p in files:
                add(p, p.as_posix())
        else:
            problems.append(Diagnostic("logs.missing", Place(spec)))
    return list(found.values()), problems  # the bundle's first, then each --logs in turn


@dataclass(slots=True)
class Scanned:
    """A file read once through: its hash, and the lines that are blank (the SQL reader skips
    them, so the line of a row after one is known only from here)."""

    input: InputFile
    blank_lines: list[int]


MAX_BLANKS = 100_000  # beyond this, lines after the last recorded blank are approximate


def _blanks(chunks: Iterator[bytes]) -> list[int]:
    """Line numbers (from 1) of empty lines (`\n\n` or `\n\r\n`) in a byte stream."""
    out: set[int] = set()
    lines = 0  # newlines before the current chunk
    tail = b""  # the previous chunk's last two bytes: a pattern may straddle chunks
    for chunk in chunks:
        data = tail + chunk
        base = lines - tail.count(b"\n")
        for pattern in (b"\n\n", b"\n\r\n"):
            pos = data.find(pattern)
            while pos >= 0 and len(out) < MAX_BLANKS:
                if pos + len(pattern) > len(tail):  # not already seen in the previous chunk
                    out.add(base + data.count(b"\n", 0, pos) + 2)
                pos = data.find(pattern, pos + 1)
        lines += chunk.count(b"\n")
        tail = data[-2:]
    return sorted(out)


_BLANK = re.compile(rb"\n\r?\n")
_BLANK_LF = re.compile(rb"\n\n")


def _any_blank(chunks: Iterator[bytes]) -> bool:
    """Whether a blank line is in a byte stream (read to its end): a search, not a count of every
    line, with the two bytes before each piece, where a blank line may start."""
    found, tail = False, b""
    for chunk in chunks:
        if not found:
            pattern = _BLANK if b"\r" in chunk or b"\r" in tail else _BLANK_LF
            found = bool(pattern.search(chunk) or pattern.search(tail + chunk[:2]))
        tail = chunk[-2:]
    return found


def scan_file(log: LogFile, advance: Callable[[int], None] | None = None) -> Scanned:
    """SHA-256 of the file as stored (compressed bytes for .gz), and its blank lines.

    hashlib and zlib release the GIL on large buffers, so this runs in a thread beside the SQL
    engine; the bytes come from the page cache the engine has just filled, or fill it for it.
    The text is searched once for any blank line; only a file that has one is read again to
    number them."""
    digest = hashlib.sha256()
    size = 0

    def stored() -> Iterator[bytes]:
        nonlocal size
        with log.path.open("rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if advance is not None:
                    advance(len(chunk))
                yield chunk

    def text() -> Iterator[bytes]:
        opener = gzip.open if log.gz else open
        with opener(log.path, "rb") as f:
            yield from iter(lambda: f.read(CHUNK), b"")

    if log.gz:
        for _ in stored():
            pass
    try:
        blank = _any_blank(text() if log.gz else stored())
        blanks = _blanks(text()) if blank else []
    except (OSError, EOFError, zlib.error):
        if not log.gz:
            raise
        blanks = []  # the engine reports the broken file
    return Scanned(InputFile(log.shown, digest.hexdigest(), size), blanks)
