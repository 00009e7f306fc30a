"""dbt stand-ins for sqlfluff's jinja templater (`make lint`), so models render without dbt.

sqlfluff's dbt templater compiles every file through dbt, one after the other in the main
process; the jinja templater renders the same SQL (compared file by file with `dbt compile`) in
milliseconds. `.sqlfluff` sets `apply_dbt_builtins` (ref, source, config, is_incremental, return),
loads `macros/` and names this package as `library_path`: every public name below becomes a
template global, taking precedence over the builtins. They behave as dbt does when it compiles for
the `duckdb` target:

- `adapter.dispatch('x', ns)` returns the `duckdb__x` macro, else `default__x` (as dbt does);
- `council_productivity.x()` calls the project macro `x`; `dbt.type_string()` / `dbt.cast()`
  render what dbt-duckdb renders (any other `dbt.*` macro is a templating error: add it here);
- `var('name')` reads the `vars:` of dbt_project.yml (a var with neither value nor default is an
  error, as in dbt); `target` is the duckdb output of profiles.yml;
- `ref()` / `source()` render a quoted three-part name like dbt's;
- `execute` is False (no database: introspective macros return nothing, as at dbt parse time).

Patches in the sqlfluff process (installed once per process, see `_install_patches`), one for
correctness and three for speed:
- every macro call returns the value of a `return(...)` in it, as in dbt: sqlfluff only catches
  it at calls that go through the template globals, not when a macro calls another macro of the
  same file (`normalise_authority_code` -> `authority_code_aliases`), which would then return the
  inner macro's value;
- compiled templates are cached by source: sqlfluff compiles every file of `macros/` twice for
  each render of each linted file (nearly all of the jinja templater's time), always to the
  same code;
- the layout rules share one reflow sequence of a file's parse tree instead of building four;
- that sequence's depth map is built in one walk of the tree, not from every raw's ancestor list
  (`make lint` cold: 69.4 s and 138 s of CPU -> 43.3 s and 86 s, the same violations).

No other module of the project imports this; sqlfluff imports it for each file it renders.
"""

import os as _os
from pathlib import Path as _Path

import yaml as _yaml
from jinja2 import pass_context as _pass_context
from jinja2.exceptions import TemplateRuntimeError as _TemplateRuntimeError
from jinja2.runtime import missing as _missing

_COMPILE_CACHE_SIZE = 512
_PROJECT_DIR = _Path(__file__).resolve().parents[3]
_PROJECT_NAME = "council_productivity"
_TARGET_TYPE = "duckdb"


def _load_vars() -> dict:
    with open(_PROJECT_DIR / "dbt_project.yml", encoding="utf-8") as handle:
        project = _yaml.load(handle, Loader=getattr(_yaml, "CSafeLoader", _yaml.SafeLoader)) or {}
    found = dict(project.get("vars") or {})
    scoped = found.pop(_PROJECT_NAME, None)  # vars scoped to this project
    if isinstance(scoped, dict):
        found.update(scoped)
    return found


_VARS = _load_vars()


class _Relation:
    """A relation as dbt renders it: "database"."schema"."identifier"."""

    database = "warehouse"

    def __init__(self, schema: str, identifier: str) -> None:
        self.schema = schema
        self.identifier = identifier
        self.name = identifier
        self.table = identifier

    def render(self) -> str:
        return f'"{self.database}"."{self.schema}"."{self.identifier}"'

    def include(self, **_kwargs) -> "_Relation":
        return self

    def __str__(self) -> str:
        return self.render()


def _schema_of(name: str) -> str:
    """The schema dbt_project.yml and generate_schema_name give a model (seeds: reference)."""
    prefix = name.split("_", 1)[0]
    return {"stg": "staging", "int": "intermediate", "dim": "marts", "fct": "marts", "rpt": "marts"}.get(
        prefix, "reference")


def ref(*args, **_kwargs) -> _Relation:
    """ref('model') or ref('package', 'model'), with an optional version=."""
    return _Relation(_schema_of(args[-1]), args[-1])


def source(_source_name: str, table_name: str) -> _Relation:
    """Every source of the project is in schema raw."""
    return _Relation("raw", table_name)


def var(name: str, default=_missing):
    if name in _VARS:
        return _VARS[name]
    if default is not _missing:
        return default
    raise _TemplateRuntimeError(f"Required var '{name}' not found in dbt_project.yml vars (scripts/sqlfluff_libs)")


def env_var(name: str, default=_missing) -> str:
    if name in _os.environ:
        return _os.environ[name]
    if default is not _missing:
        return default
    raise _TemplateRuntimeError(f"Env var required but not provided: '{name}'")


def log(_msg="", info=False) -> str:
    return ""


execute = False


class _Target:
    type = _TARGET_TYPE
    name = "duckdb"
    profile_name = _PROJECT_NAME
    database = "warehouse"
    schema = "main"
    threads = 2


target = _Target()
this = _Relation("main", "this_model")


def _resolve(context, name: str):
    found = context.resolve_or_missing(name)
    if found is _missing:
        raise _TemplateRuntimeError(f"macro '{name}' not found in macros/ (sqlfluff jinja templater)")
    return found


class _Adapter:
    @staticmethod
    @_pass_context
    def dispatch(context, macro_name: str, macro_namespace=None):
        """dbt's dispatch order for the duckdb target: duckdb__<name>, then default__<name>."""
        for prefix in (_TARGET_TYPE, "default"):
            found = context.resolve_or_missing(f"{prefix}__{macro_name}")
            if found is not _missing:
                return found
        raise _TemplateRuntimeError(f"no duckdb__ or default__ implementation of macro '{macro_name}'")

    @staticmethod
    def get_columns_in_relation(_relation) -> list:
        return []  # no database at lint time


adapter = _Adapter()


class _ProjectMacros:
    """`council_productivity.<macro>(...)`: the project's own macro of that name."""

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)

        @_pass_context
        def call(context, *args, **kwargs):
            return _resolve(context, name)(*args, **kwargs)

        return call


council_productivity = _ProjectMacros()


class _DbtMacros:
    """`dbt.<macro>(...)`: the few macros of dbt's global project the models call, as dbt-duckdb renders them."""

    @staticmethod
    def type_string() -> str:
        return "TEXT"

    @staticmethod
    def cast(field, type) -> str:
        return f"cast({field} as {type})"

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        raise _TemplateRuntimeError(f"dbt.{name} has no stand-in in scripts/sqlfluff_libs/dbt_stubs: add one")


dbt = _DbtMacros()


class _Exceptions:
    @staticmethod
    def raise_compiler_error(msg="") -> None:
        raise _TemplateRuntimeError(f"Compilation Error: {msg}")

    @staticmethod
    def warn(_msg="") -> str:
        return ""


exceptions = _Exceptions()


def _install_patches() -> None:
    import jinja2.runtime
    import jinja2.sandbox
    from sqlfluff.core.templaters.builtins.dbt import MacroReturn

    if getattr(jinja2.runtime.Macro._invoke, "_dbt_stubs_patch", False):
        return  # sqlfluff runs this module again for every file: patch once per process

    invoke = jinja2.runtime.Macro._invoke

    def _invoke(self, arguments, autoescape):
        try:
            return invoke(self, arguments, autoescape)
        except MacroReturn as returned:
            return returned.value

    _invoke._dbt_stubs_patch = True
    jinja2.runtime.Macro._invoke = _invoke

    compile_template = jinja2.sandbox.SandboxedEnvironment.compile
    cache: dict = {}

    def _compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if raw or not isinstance(source, str):
            return compile_template(self, source, name, filename, raw, defer_init)
        key = (source, name, filename, defer_init, type(self), tuple(sorted(self.extensions)),
               self.block_start_string, self.block_end_string, self.variable_start_string,
               self.variable_end_string, self.comment_start_string, self.comment_end_string,
               self.line_statement_prefix, self.line_comment_prefix, self.trim_blocks, self.lstrip_blocks,
               self.newline_sequence, self.keep_trailing_newline, self.optimized, self.is_async,
               self.finalize is None, self.autoescape if isinstance(self.autoescape, bool) else None)
        code = cache.get(key)
        if code is None:
            code = compile_template(self, source, name, filename, raw, defer_init)
            if len(cache) >= _COMPILE_CACHE_SIZE:
                cache.pop(next(iter(cache)))
            cache[key] = code
        return code

    jinja2.sandbox.SandboxedEnvironment.compile = _compile

    # The layout rules (LT01, LT02, LT05, LT14) each build the reflow sequence of the whole file from
    # scratch (the depth of every segment, the spacing config of every element): the same sequence of the
    # same parse tree, half of the time spent on rules. Reuse the last one. Sequences and their elements
    # are immutable (every reflow operation returns a new sequence; the functions that edit an element
    # list copy it first), and parse trees are never changed in place (a fix builds a new tree).
    try:
        from sqlfluff.utils.reflow.sequence import ReflowSequence
    except ImportError:
        return
    from_root = ReflowSequence.from_root.__func__
    last: list = [None, None, None]

    def _from_root(cls, root_segment, config):
        if cls is not ReflowSequence:
            return from_root(cls, root_segment, config)
        if last[0] is not root_segment or last[1] is not config:  # `last` holds both: ids stay unique
            last[:] = [root_segment, config, from_root(cls, root_segment, config)]
        return last[2]

    ReflowSequence.from_root = classmethod(_from_root)

    # That sequence's depth map (DepthMap.from_parent) read BaseSegment.raw_segments_with_ancestors: every
    # segment of the tree caches a list of every raw under it with its whole ancestor path, and for every
    # raw each ancestor's hash, class types and StackPosition were read afresh, about 2.5 million times for
    # the project's 228 files (a fifth of the lint's CPU). One walk of the tree reads each segment once and
    # builds each raw's DepthInfo from its ancestors' parts. The DepthInfo objects are the same, field for
    # field and in the same order (tests/python/test_lint.py compares them with sqlfluff's own).
    from sqlfluff.core.parser.segments.base import PathStep
    from sqlfluff.utils.reflow.depthmap import DepthInfo, DepthMap, StackPosition

    def _from_parent(cls, parent):
        depth_info = {}

        def walk(segment, hashes, class_types, positions):
            """Every raw under `segment`, whose ancestors above it have these hashes, types and positions."""
            children, segment_hash = segment.segments, hash(segment)
            hashes += (segment_hash,)  # the ancestors' tuples and set are immutable: shared by the raws
            class_types += (segment.class_types,)
            hash_set = frozenset(hashes)
            for idx, child in enumerate(children):
                step = PathStep(segment, idx, len(children), segment._code_indices)
                child_positions = {**positions, segment_hash: StackPosition.from_path_step(step)}
                if child.is_type("raw"):
                    depth_info[child.uuid] = DepthInfo(
                        stack_depth=len(hashes),
                        stack_hashes=hashes,
                        stack_hash_set=hash_set,
                        stack_class_types=class_types,
                        stack_positions=child_positions,
                    )
                else:
                    walk(child, hashes, class_types, child_positions)

        walk(parent, (), (), {})
        depth_map = object.__new__(cls)
        depth_map.depth_info = depth_info
        return depth_map

    _from_parent.original = DepthMap.from_parent.__func__
    DepthMap.from_parent = classmethod(_from_parent)


_install_patches()
