"""A bundle folder → every dataset's records, the files read (with hashes), and all input problems."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from auditctl.diagnostics import Diagnostic
from auditctl.load import csvfile, excel
from auditctl.load.background import Background
from auditctl.load.limits import MB, Limits
from auditctl.load.specs import Spec, name_index, specs
from auditctl.load.table import TableResult, read_table
from auditctl.load.yaml import YamlValue, compose_file
from auditctl.load.yaml_datasets import found_word as _found
from auditctl.load.yaml_datasets import yaml_datasets
from auditctl.places import Place
from auditctl.records import InputFile, Record, Source
from auditctl.values import norm

# YAML files that hold several datasets as sections.
SECTIONED = {"organization": ("operator", "companies", "units", "locations"),
             "disaster": ("arrangements", "declarations")}  # fmt: skip
CONFIG_NAMES = ("auditctl.yaml", "auditctl.yml")
DATA_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx", ".xlsm")


@dataclass(slots=True)
class Loaded:
    """Everything read from a bundle, before validation."""

    root: Path
    records: dict[str, list[Record]] = field(default_factory=dict)
    config: Record | None = None
    inputs: list[InputFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ignored_columns: list[tuple[str, str]] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    log_files: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)

    def add(self, dataset: str, where: str, place: Place, records: list[Record]) -> None:
        """Add a dataset's records from one source; a second source is an error, not a merge."""
        if dataset in self.origin:
            self.diagnostics.append(
                Diagnostic(
                    "bundle.dataset_twice",
                    place,
                    {"dataset": dataset, "other": self.origin[dataset]},
                )
            )
            return
        self.origin[dataset] = where
        self.records[dataset] = records


class BundleLoader:
    """Reads one bundle folder; never writes to it."""

    def __init__(self, root: Path, config_path: Path | None = None) -> None:
        self.root = root
        self.config_path = config_path
        self.out = Loaded(root)
        self.limits = Limits()
        # Datasets found, kept with the position of their file: they are added in file-name
        # order whatever order the files were read in, so "given twice" names the same file.
        self._adds: list[tuple[int, int, int, str, str, Place, list[Record]]] = []
        self._pos = 0  # the file's position in name order
        self._sheet = 0  # the sheet's position in its workbook
        # Workbooks being opened and parsed in the background, by path.
        self._workbooks: dict[Path, Background[excel.Opened]] = {}

    # -- files -----------------------------------------------------------------------------

    def rel(self, path: Path) -> str:
        """The path as reports show it: relative to the bundle, undecodable bytes replaced."""
        try:
            text = path.relative_to(self.root).as_posix()
        except ValueError:
            text = str(path)
        return printable(text)

    def read_bytes(self, path: Path) -> bytes | None:
        rel = self.rel(path)
        try:
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(self.root.resolve()):
                    self.out.diagnostics.append(Diagnostic("file.symlink_outside", Place(rel)))
                    return None
            size = path.stat().st_size
            if size > self.limits.max_file_mb * MB:
                self.out.diagnostics.append(
                    Diagnostic(
                        "file.too_large",
                        Place(rel),
                        {"size_mb": -(-size // MB), "limit_mb": self.limits.max_file_mb},
                    )
                )
                return None
            data = path.read_bytes()
        except OSError as exc:
            self.out.diagnostics.append(
                Diagnostic("file.unreadable", Place(rel), {"error": exc.strerror or str(exc)})
            )
            return None
        self.out.inputs.append(InputFile(rel, hashlib.sha256(data).hexdigest(), len(data)))
        return data

    # -- the bundle --------------------------------------------------------------------------

    def load(self) -> Loaded:
        """Read the config first (it sets limits), then every dataset file in name order."""
        self._load_config()
        try:
            entries = sorted(self.root.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            self.out.diagnostics.append(
                Diagnostic("file.unreadable", Place(str(self.root)), {"error": str(exc)})
            )
            return self.out
        self._prefetch_workbooks(entries)
        workbooks: list[tuple[int, Path]] = []
        for pos, path in enumerate(entries):
            self._pos = pos
            name = path.name
            if name.startswith((".", "~$")) or name in CONFIG_NAMES:
                continue
            if not path.is_dir() and not path.is_file():
                # FIFOs, sockets and devices: reading them could block or never end.
                self.out.diagnostics.append(Diagnostic("file.not_regular", Place(self.rel(path))))
                continue
            if path.is_dir() and path.suffix.lower() in DATA_SUFFIXES:
                self.out.diagnostics.append(Diagnostic("file.is_folder", Place(self.rel(path))))
                continue
            if path.is_dir():
                if name == "logs":
                    self._list_logs(path)
                continue
            if name == "logs":
                self.out.diagnostics.append(
                    Diagnostic("bundle.logs_not_folder", Place(self.rel(path)))
                )
                continue
            suffix = path.suffix.lower()
            if suffix in (".yaml", ".yml"):
                self._load_yaml(path)
            elif suffix in (".xlsx", ".xlsm"):
                workbooks.append((pos, path))  # read last: their sheets are parsed meanwhile
            elif suffix == ".csv":
                self._load_csv(path)
            elif suffix in (".xls", ".xlsb", ".ods"):
                self.out.diagnostics.append(
                    Diagnostic("xlsx.not_supported", Place(self.rel(path)), {"ext": suffix})
                )
            else:
                self.out.ignored_files.append(self.rel(path))
        for pos, path in workbooks:
            self._pos = pos
            self._load_xlsx(path)
        for *_, dataset, where, place, records in sorted(self._adds, key=lambda a: a[:3]):
            self.out.add(dataset, where, place, records)
        return self.out

    def _add(self, dataset: str, where: str, place: Place, records: list[Record]) -> None:
        self._adds.append((self._pos, self._sheet, len(self._adds), dataset, where, place, records))

    def _prefetch_workbooks(self, entries: list[Path]) -> None:
        """Start parsing every workbook in the background (the parser releases the interpreter
        lock), so that its sheets are ready by the time the other files have been read."""
        for path in entries:
            if path.name.startswith((".", "~$")) or path.suffix.lower() not in (".xlsx", ".xlsm"):
                continue
            if path.is_file():
                data = self.read_bytes(path)
                if data is not None:
                    self._workbooks[path] = Background(
                        partial(excel.open_workbook, data, self.rel(path), self.limits)
                    )

    def _load_config(self) -> None:
        path = self.config_path
        if path is None:
            path = next((self.root / n for n in CONFIG_NAMES if (self.root / n).is_file()), None)
            if path is None:
                return
        data = self.read_bytes(path)
        if data is None:
            return
        rel = self.rel(path)
        value = self._compose(data, rel)
        if value is None:
            return
        if not isinstance(value.value, dict):
            self.out.diagnostics.append(
                Diagnostic(
                    "yaml.expected_mapping",
                    Place(rel, line=value.line, col=value.col),
                    {"found": _found(value.value)},
                )
            )
            return
        source = Source(rel, "yaml")
        self.out.config = Record("config", value.value, source, value.line, value.col, value.marks)
        self.limits = Limits.from_config(value.value.get("limits"))

    def _list_logs(self, folder: Path) -> None:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (path.name.endswith(".csv") or path.name.endswith(".csv.gz")):
                self.out.log_files.append(self.rel(path))

    # -- YAML --------------------------------------------------------------------------------

    def _compose(self, data: bytes, rel: str) -> YamlValue | None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.out.diagnostics.append(Diagnostic("csv.encoding", Place(rel)))
            return None
        value, diags = compose_file(text, rel, self.limits.max_cell_chars)
        self.out.diagnostics.extend(diags)
        return value

    def _load_yaml(self, path: Path) -> None:
        rel = self.rel(path)
        stem = norm(path.stem)
        sections = SECTIONED.get(stem)
        dataset = name_index().get(stem)
        if sections is None and dataset is None:
            self.out.ignored_files.append(rel)
            return
        data = self.read_bytes(path)
        if data is None:
            return
        value = self._compose(data, rel)
        if value is None:
            return
        found = yaml_datasets(value, rel, dataset or stem, sections if sections else None)
        self.out.diagnostics.extend(found.diagnostics)
        for name, place, records in found.datasets:
            self._add(name, rel, place, records)

    # -- tables ------------------------------------------------------------------------------

    def _table(self, spec: Spec, source: Source, rows: Any, where: str, place: Place) -> None:
        result: TableResult = read_table(spec, source, rows, self.limits)
        self.out.diagnostics.extend(result.diagnostics)
        for header in result.ignored:
            self.out.ignored_columns.append((where, header))
        self._add(spec.name, where, place, result.records)

    def _load_csv(self, path: Path) -> None:
        rel = self.rel(path)
        dataset = name_index().get(norm(path.stem))
        if dataset is None or dataset == "config":
            self.out.ignored_files.append(rel)
            return
        data = self.read_bytes(path)
        if data is None:
            return
        text, diag = csvfile.decode(data, rel)
        if text is None:
            if diag:
                self.out.diagnostics.append(diag)
            return
        spec = specs()[dataset]
        try:
            rows = list(csvfile.csv_rows(text))
        except Exception as exc:  # csv.Error: a NUL byte, a field over the size limit
            self.out.diagnostics.append(Diagnostic("csv.syntax", Place(rel), {"problem": str(exc)}))
            return
        self._table(spec, Source(rel, "csv"), rows, rel, Place(rel))

    def _load_xlsx(self, path: Path) -> None:
        rel = self.rel(path)
        workbook = self._workbooks.pop(path, None)
        if workbook is None:  # not readable: said when it was read
            return
        sheets, wb, diags = workbook.result()
        self.out.diagnostics.extend(diags)
        try:
            for index, sheet in _readiness_order(sheets):
                self._sheet = index
                dataset = name_index().get(norm(sheet.title))
                where = f"{rel}!{sheet.title}"
                if dataset is None or dataset in ("config", "logs", "operator"):
                    self.out.ignored_files.append(where)
                    continue
                for ref in sheet.formulas_without_value():
                    self.out.diagnostics.append(
                        Diagnostic("xlsx.formula_no_value", Place(rel, sheet=sheet.title, cell=ref))
                    )
                source = Source(rel, "xlsx", sheet=sheet.title)
                try:
                    self._table(
                        specs()[dataset], source, sheet.rows, where, Place(rel, sheet=sheet.title)
                    )
                except Exception as exc:  # a sheet's XML is parsed lazily, row by row
                    error = (str(exc) or type(exc).__name__).splitlines()[0]
                    self.out.diagnostics.append(
                        Diagnostic(
                            "xlsx.unreadable", Place(rel, sheet=sheet.title), {"error": error}
                        )
                    )
        finally:
            self._sheet = 0
            if wb is not None:
                wb.close()


def _readiness_order(sheets: list[excel.Sheet]) -> Iterator[tuple[int, excel.Sheet]]:
    """The sheets with their positions, each parsed one first (in workbook order among them):
    a roster still being parsed does not hold up a matrix that is ready."""
    waiting = list(enumerate(sheets))
    while waiting:
        pick = next((item for item in waiting if item[1].ready()), None)
        if pick is None:  # none parsed yet: wait for whichever is first
            time.sleep(0.005)
            continue
        waiting.remove(pick)
        yield pick


def printable(text: str) -> str:
    """A file name as text that any terminal can print: bytes that are not UTF-8 become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def load_bundle(root: Path, config_path: Path | None = None) -> Loaded:
    """Read every dataset of the bundle at `root`."""
    return BundleLoader(root, config_path).load()
