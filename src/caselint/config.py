"""Configuration: discovery (closest file wins), validation (unknown keys are errors), Settings.

Sources, per linted file, closest directory first; in one directory the first of
``.caselint.toml``, ``caselint.toml``, ``pyproject.toml`` (only with ``[tool.caselint]``) wins.
``--config PATH`` replaces discovery. CLI flags are applied on top by :func:`Settings.with_cli`.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from caselint.errors import ConfigError
from caselint.model import Severity
from caselint.scoring import Weights, default_weights

CONFIG_FILES = (".caselint.toml", "caselint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox")
DEFAULT_MAX_DRAFT_SIZE = 1_000_000  # bytes; real case messages are a few KB
# The documents every repository carries (any case; no extension, .md, .markdown, .txt or .rst): a drafts
# repository has them too, and they are not case messages. Folder walks and `--force-exclude` (the
# pre-commit hooks) skip them; a file named on the command line is linted.
REPOSITORY_DOCUMENTS = (
    "readme", "changelog", "changes", "history", "news", "contributing", "contributors", "authors",
    "license", "licence", "copying", "notice", "code_of_conduct", "code-of-conduct", "security", "support",
    "governance", "maintainers", "codeowners", "pull_request_template", "issue_template", "funding",
)
_REPOSITORY_DOCUMENT_RE = re.compile(
    r"(?:%s)(?:\.(?:md|markdown|txt|rst))?" % "|".join(re.escape(n) for n in REPOSITORY_DOCUMENTS), re.IGNORECASE
)

KEYS = (
    "select",
    "ignore",
    "per-file-ignores",
    "fail-under",
    "severity",
    "extra-lexicons",
    "disable-entries",
    "rule-options",
    "include",
    "exclude",
    "max-draft-size",
    "scoring",
    "unsafe-fixes",
    "respect-gitignore",
    "force-exclude",
    "skip-repository-documents",
)


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_under: int | None = None
    severity: tuple[tuple[str, Severity], ...] = ()
    extra_lexicons: tuple[str, ...] = ()
    disable_entries: frozenset[str] = frozenset()
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    max_draft_size: int = DEFAULT_MAX_DRAFT_SIZE
    weights: Weights = field(default_factory=default_weights, hash=False, compare=False)
    unsafe_fixes: bool = False
    respect_gitignore: bool = True  # folder walks skip what .gitignore files ignore
    force_exclude: bool = False  # apply exclude (and the repository-document skip) to named files too
    skip_repository_documents: bool = True  # README, CHANGELOG, LICENSE, ... are not drafts
    path: str | None = None  # config file these came from
    root: str = "."  # directory relative globs resolve against

    def with_cli(self, *, select=None, ignore=None, fail_under=None, unsafe_fixes=None, respect_gitignore=None,
                 force_exclude=None) -> "Settings":
        """CLI flags win: --select replaces the configured selection, --ignore adds to it."""
        changes: dict[str, Any] = {}
        if respect_gitignore is not None:
            changes["respect_gitignore"] = respect_gitignore
        if force_exclude is not None:
            changes["force_exclude"] = force_exclude
        if select:
            changes["select"] = tuple(select)
        if ignore:
            changes["ignore"] = self.ignore + tuple(ignore)
        if fail_under is not None:
            changes["fail_under"] = fail_under
        if unsafe_fixes is not None:
            changes["unsafe_fixes"] = unsafe_fixes
        return replace(self, **changes) if changes else self

    def ignores_for(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores or path == "-":
            return ()
        rel = _relative(path, self.root)
        name = PurePosixPath(rel).name
        out: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or ("/" not in pattern and fnmatch.fnmatch(name, pattern)):
                out.extend(selectors)
        return tuple(out)

    def is_excluded(self, path: Path) -> bool:
        rel = _relative(str(path), self.root)
        parts = PurePosixPath(rel).parts
        for pattern in self.exclude:
            if fnmatch.fnmatch(rel, pattern) or any(fnmatch.fnmatch(p, pattern) for p in parts):
                return True
        return False

    def is_repository_document(self, path: Path) -> bool:
        """README.md, CHANGELOG, LICENSE.txt, code_of_conduct.md, ... (when skip-repository-documents is on)."""
        return self.skip_repository_documents and _REPOSITORY_DOCUMENT_RE.fullmatch(Path(path).name) is not None

    def is_included(self, path: Path) -> bool:
        rel = _relative(str(path), self.root)
        return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(rel, p) for p in self.include)


def _relative(path: str, root: str) -> str:
    p = Path(path).absolute()
    try:
        return p.relative_to(Path(root).absolute()).as_posix()
    except ValueError:
        return p.as_posix()


def _string_list(source: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _check_selectors(source: str, key: str, selectors: tuple[str, ...]) -> None:
    from caselint.rules.registry import validate_selector

    for sel in selectors:
        if not validate_selector(sel):
            raise ConfigError(f"{source}: '{key}': unknown rule code, prefix, name or category {sel!r}")


def parse_settings(data: dict[str, Any], source: str, root: Path) -> Settings:
    """Validate a ``[tool.caselint]``-shaped table into Settings."""
    from caselint.rules.registry import get_rule

    if not isinstance(data, dict):
        raise ConfigError(f"{source}: caselint settings must be a table")
    for key in data:
        if key not in KEYS:
            hint = f" (did you mean '{key.replace('_', '-')}'?)" if key.replace("_", "-") in KEYS else ""
            raise ConfigError(f"{source}: unknown key {key!r}{hint}")
    kw: dict[str, Any] = {"path": source, "root": str(root)}
    for key in ("select", "ignore"):
        if key in data:
            kw[key] = _string_list(source, key, data[key])
            _check_selectors(source, key, kw[key])
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: 'per-file-ignores' must be a table of glob = [codes]")
        pfi = []
        for pattern, sels in table.items():
            selectors = _string_list(source, f"per-file-ignores.{pattern}", sels)
            _check_selectors(source, f"per-file-ignores.{pattern}", selectors)
            pfi.append((pattern, selectors))
        kw["per_file_ignores"] = tuple(pfi)
    if "fail-under" in data:
        value = data["fail-under"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ConfigError(f"{source}: 'fail-under' must be an integer from 0 to 100")
        kw["fail_under"] = value
    if "severity" in data:
        table = data["severity"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: 'severity' must be a table of CODE = \"error|warning|info\"")
        pairs = []
        for code, level in table.items():
            rule = get_rule(code)
            if rule is None:
                raise ConfigError(f"{source}: severity: unknown rule {code!r}")
            try:
                pairs.append((rule.code, Severity.parse(str(level))))
            except ValueError as exc:
                raise ConfigError(f"{source}: severity.{code}: {exc}") from None
        kw["severity"] = tuple(pairs)
    if "extra-lexicons" in data:
        paths = _string_list(source, "extra-lexicons", data["extra-lexicons"])
        kw["extra_lexicons"] = tuple(str((root / p).resolve()) for p in paths)
    if "disable-entries" in data:
        kw["disable_entries"] = frozenset(_string_list(source, "disable-entries", data["disable-entries"]))
    if "rule-options" in data:
        kw["rule_options"] = _parse_rule_options(source, data["rule-options"])
    if "include" in data:
        kw["include"] = _string_list(source, "include", data["include"])
    if "exclude" in data:
        # Added to the defaults: excluding one folder must not start walking into .git or .venv.
        kw["exclude"] = DEFAULT_EXCLUDE + _string_list(source, "exclude", data["exclude"])
    if "max-draft-size" in data:
        value = data["max-draft-size"]
        from caselint.nlp import MAX_LENGTH

        # Capped at the pipeline's max_length, so no accepted draft can make spaCy raise E088.
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_LENGTH:
            raise ConfigError(f"{source}: 'max-draft-size' must be a positive integer (bytes) up to {MAX_LENGTH}")
        kw["max_draft_size"] = value
    if "scoring" in data:
        if not isinstance(data["scoring"], dict):
            raise ConfigError(f"{source}: 'scoring' must be a table")
        kw["weights"] = default_weights().merged(data["scoring"], source)
    for key in ("unsafe-fixes", "respect-gitignore", "force-exclude", "skip-repository-documents"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(f"{source}: '{key}' must be true or false")
            kw[key.replace("-", "_")] = data[key]
    return Settings(**kw)


def _parse_rule_options(source: str, table: Any) -> dict[str, dict[str, Any]]:
    from caselint.rules.registry import get_rule

    if not isinstance(table, dict):
        raise ConfigError(f"{source}: 'rule-options' must be a table of tables")
    out: dict[str, dict[str, Any]] = {}
    for key, opts in table.items():
        rule = get_rule(key)
        if rule is None:
            raise ConfigError(f"{source}: rule-options: unknown rule {key!r}")
        if not isinstance(opts, dict):
            raise ConfigError(f"{source}: rule-options.{key}: must be a table")
        for name, value in opts.items():
            if name not in rule.options:
                allowed = ", ".join(rule.options) or "none"
                raise ConfigError(f"{source}: rule-options.{key}: unknown option {name!r} (allowed: {allowed})")
            default = rule.options[name]
            if type(value) is not type(default) and not (isinstance(default, float) and type(value) is int):
                raise ConfigError(
                    f"{source}: rule-options.{key}.{name}: expected {type(default).__name__}, got {type(value).__name__}"
                )
            bounds = option_range(name, default)
            if bounds is not None and not _in_range(value, *bounds):
                low, high = bounds
                raise ConfigError(f"{source}: rule-options.{key}.{name}: must be a number from {low:g} to {high:g}, "
                                  f"got {value!r}")
        out[rule.code] = dict(opts)
    return out


MAX_WORDS_LIMIT = 100_000


def option_range(name: str, default: Any) -> tuple[float, float] | None:
    """The accepted range of a numeric rule option, by the option's kind (its name's last word):
    ``*-confidence`` 0-1, ``*-score`` 0-100, ``max-*words`` 1-100,000, ``min-*words`` 0-100,000, any other
    number 0 upwards. None for options that are not numbers."""
    if isinstance(default, bool) or not isinstance(default, (int, float)):
        return None
    if name.endswith("-confidence"):
        return (0.0, 1.0)
    if name.endswith("-score"):
        return (0.0, 100.0)
    if name.endswith("-words"):
        return (1.0 if name.startswith("max-") else 0.0, float(MAX_WORDS_LIMIT))
    return (0.0, float("inf"))


def _in_range(value: Any, low: float, high: float) -> bool:
    import math

    return isinstance(value, (int, float)) and math.isfinite(value) and low <= value <= high


MAX_CONFIG_SIZE = 10_000_000  # bytes; a real config is a few hundred


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, for one-line errors (configs and drafts alike)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_config_bytes(path: Path, source: str) -> bytes:
    """A config file's bytes: only a regular file (opened without blocking, so a FIFO or a device such
    as /dev/zero is an error, never a hang or an endless read), at most MAX_CONFIG_SIZE bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise ConfigError(f"{source}: config file not found") from None
        if exc.errno == errno.ELOOP:
            raise ConfigError(f"{source}: cannot read config: symbolic link loop") from None
        raise ConfigError(f"{source}: cannot read config: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ConfigError(f"{source}: config is {file_kind(mode)}, not a regular file")
        chunks, size = [], 0
        while size <= MAX_CONFIG_SIZE:
            chunk = os.read(fd, min(1 << 16, MAX_CONFIG_SIZE + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read config: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_CONFIG_SIZE:
        raise ConfigError(f"{source}: config is over {MAX_CONFIG_SIZE:,} bytes; not read")
    return b"".join(chunks)


def read_config_file(path: Path, display: str | None = None) -> Settings | None:
    """Settings from one file; None for a pyproject.toml without [tool.caselint]."""
    source = display or str(path)
    raw = _read_config_bytes(path, source)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(f"{source}: config is UTF-16; save it as UTF-8")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # a UTF-8 byte order mark is allowed
    except RecursionError:  # tomllib on arrays or tables nested hundreds deep
        raise ConfigError(f"{source}: invalid TOML: nested too deeply") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{source}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "caselint" not in tool:
            return None
        data = tool["caselint"]
        source = f"{source} [tool.caselint]"
    return parse_settings(data, source, path.parent.resolve())


@lru_cache(maxsize=256)
def _settings_for_dir(directory: Path) -> Settings:
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                settings = read_config_file(candidate)
                if settings is not None:
                    return settings
    return Settings(root=str(Path.cwd()))


def settings_for(path: str | Path | None, explicit: str | None = None) -> Settings:
    """Settings that apply to ``path`` (None or '-' means the current directory)."""
    if explicit:
        return _explicit(str(Path(explicit).absolute()))
    if path is None or str(path) == "-":
        directory = Path.cwd()
    else:
        p = Path(path).absolute()
        directory = p if p.is_dir() else p.parent
    return _settings_for_dir(directory.resolve())


@lru_cache(maxsize=16)
def _explicit(path: str) -> Settings:
    p = Path(path)
    settings = read_config_file(p)  # not found, a folder, a device, a FIFO: one clear error, no hang
    if settings is None:
        raise ConfigError(f"{path}: no [tool.caselint] table in this pyproject.toml")
    return settings


def clear_cache() -> None:
    _settings_for_dir.cache_clear()
    _explicit.cache_clear()
