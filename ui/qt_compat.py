"""Work-arounds for the Qt binding, each with the reason and how to tell when it can go."""

from __future__ import annotations

import builtins
import enum
import sys
from typing import Any

_PROBE_CALLS = 64


def none_refcount_leaks() -> bool:
    """True when calls that return nothing take a reference to None away (the bug below)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a call that returns nothing
    return sys.getrefcount(None) < before - _PROBE_CALLS // 2


def keep_none_alive() -> bool:
    """Make None, True and False immortal, as CPython 3.12 does, when the binding leaks them.

    PySide6-Essentials 6.12.0 (the cp310-abi3 wheel) drops one reference to None for every call
    that returns nothing (QWidget.update(), QCoreApplication.processEvents(), setText(), ...),
    and some paths drop references to True and False too. On CPython 3.12+ these objects are
    immortal and nothing happens; on 3.11 a count reaches zero and the process dies with "Fatal
    Python error: none_dealloc" (or bool_dealloc) within minutes of a live meeting: the window's
    one-second repaint alone drops about 45 references to None and 4 to True. Checked, not
    assumed: this does nothing where the leak is absent. Remove once the app requires Python 3.12
    or a fixed PySide6. Returns whether the work-around was applied.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not none_refcount_leaks():
        return False
    import ctypes  # only where the leak is found: importing it costs start-up time

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a CPython release build.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    return True


def skip_feature_imports() -> bool:
    """Take PySide's `__feature__` hook out of every import statement.

    PySide6 (6.11) wraps `builtins.__import__` so that `from __feature__ import snake_case` can
    switch a module's Qt names. The wrapper runs Python code before and after every import
    statement of every module, already loaded or not: it notes which modules use PySide, and to
    tell, it reads the source of each new one (`shibokensupport.feature._mod_uses_pyside`). At
    start-up that is about 2% of the instructions to a visible window, and the source reads were
    135 modules and about 15 ms more. This app selects no feature, so none of that changes
    anything: imports go back to the function the wrapper calls anyway (PySide's own lazy
    import, kept as `builtins.__orig_import__`). Does nothing (and returns False) where there is
    no such wrapper; remove it once PySide stops wrapping imports, or if the app ever uses
    `__feature__`.
    """
    wrapped = getattr(builtins.__import__, "__name__", "") == "__feature_import__"
    plain = getattr(builtins, "__orig_import__", None)
    if not wrapped or not callable(plain):
        return False
    builtins.__import__ = plain
    return True


def build_enums_faster() -> bool:
    """Let PySide build Qt's enums through a fast path for enums of its one shape.

    PySide6 (6.11) turns each C++ enum into a Python enum the first time Python meets its class,
    through the functional API: `Enum(name, [(member, value), ...], boundary=KEEP)`. That runs
    every member through the enum metaclass's general machinery, about 10 µs a member, and the
    window meets some 3,100 members before it shows (1,195 in the `Qt` namespace alone): about
    40 ms, an eighth of the start-up. CPython builds its own standard-library enums with
    `enum._simple_enum`, which makes the same classes about twice as fast; on Python 3.11,
    `_simple_enum_311` below makes them twice as fast again, with members that are quicker to
    reach. CPython checks such enums with
    `enum._test_simple_enum`, and so does tests/ui/test_qt_compat.py, for every enum of QtCore,
    QtGui and QtWidgets. Only calls of PySide's exact shape go the fast way (a list of
    (name, int) pairs, `boundary=KEEP`, nothing else); anything else, and any Python without these
    helpers, builds enums as before. Returns whether it was applied. Remove once PySide or
    CPython build such enums fast themselves.
    """
    simple = getattr(enum, "_simple_enum", None)
    general = getattr(enum.EnumType, "_create_", None)
    if simple is None or general is None or getattr(general, "pyside_fast_path", False):
        return False
    kinds = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)
    on_311 = sys.version_info[:2] == (3, 11)

    def create(  # the signature of EnumType._create_ in CPython 3.11 to 3.13
        cls: Any,
        class_name: str,
        names: Any = None,
        *,
        module: str | None = None,
        qualname: str | None = None,
        type: Any = None,  # the keyword CPython passes
        start: int = 1,
        boundary: Any = None,
    ) -> Any:
        if (
            cls in kinds
            and boundary is enum.KEEP
            and module is None
            and qualname is None
            and type is None
            and isinstance(names, list)
        ):
            if on_311:
                made = _simple_enum_311(cls, class_name, names)
                if made is not None:
                    return made
            elif all(_is_member(pair) for pair in names):
                # What _simple_enum converts: a plain class whose attributes are the members.
                plain = builtins.type(class_name, (), dict(names))
                return simple(cls, boundary=boundary)(plain)
        return general(
            cls, class_name, names, module=module, qualname=qualname, type=type, start=start,
            boundary=boundary,
        )  # fmt: skip

    create.pyside_fast_path = True  # type: ignore[attr-defined]
    setattr(enum.EnumType, "_create_", create)  # noqa: B010 - replacing a private method
    return True


def _simple_enum_311(kind: Any, class_name: str, pairs: list[Any]) -> Any:
    """The enum CPython 3.11's `enum._simple_enum(kind, boundary=KEEP)` makes of a class whose
    attributes are `pairs`, made with less work; None unless every pair is a (name, int) whose
    name can only be a member (3.12 and 3.13 build members differently).

    `_simple_enum` makes the class, then puts each member in it behind an `enum.property`, set
    through the metaclass's `__setattr__`: several Python calls a member, and one more on every
    later `Qt.Key.Key_A`. Here each member goes straight into the class, as CPython 3.13 stores
    them (a Qt member is never called `name` or `value`, the two that 3.13 keeps behind a
    property), and each member's attributes straight into its `__dict__`.
    """
    if not all(_is_member(pair) and pair[0] not in _PROPERTIES for pair in pairs):
        return None
    member_type = kind._member_type_
    new_member = member_type.__new__
    use_args = kind._use_args_
    is_flag = issubclass(kind, enum.Flag)
    member_names: list[str] = []
    member_map: dict[str, Any] = {}
    value2member_map: dict[int, Any] = {}
    body: dict[str, Any] = {
        "_new_member_": new_member,
        "_use_args_": use_args,
        "_generate_next_value_": kind._generate_next_value_,
        "_member_names_": member_names,
        "_member_map_": member_map,
        "_value2member_map_": value2member_map,
        "_unhashable_values_": [],
        "_member_type_": member_type,
        "_value_repr_": kind._value_repr_,
    }
    if is_flag:
        body.update(_FLAG_BODY)
    body["__doc__"] = "An enumeration."
    enum_class: Any = type(class_name, (kind,), body, boundary=enum.KEEP, _simple=True)
    put = type.__setattr__  # not the metaclass's: it only guards members, and there are none yet
    for method in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
        found = getattr(enum_class, method)
        if found in (getattr(member_type, method), getattr(object, method)):
            put(enum_class, method, getattr(kind, method))
    single_bits = multi_bits = 0
    for name, value in pairs:
        member = value2member_map.get(value)
        if member is None:  # else an alias of an earlier member
            member = new_member(enum_class, value) if use_args else new_member(enum_class)
            member.__dict__.update(
                _value_=value, _name_=name, __objclass__=enum_class, _sort_order_=len(member_names)
            )
            value2member_map[value] = member
            if not is_flag:
                member_names.append(name)
            elif value and not value & (value - 1):  # one bit: a flag of its own
                member_names.append(name)
                single_bits |= value
            else:
                multi_bits |= value
        member_map[name] = member
        put(enum_class, name, member)
    if is_flag:
        put(enum_class, "_flag_mask_", single_bits | multi_bits)
        put(enum_class, "_singles_mask_", single_bits)
        put(enum_class, "_all_bits_", 2 ** ((single_bits | multi_bits).bit_length()) - 1)
        values = [member._value_ for member in enum_class]
        if values != sorted(values):
            put(enum_class, "_iter_member_", enum_class._iter_member_by_def_)
    put(enum_class, "__new__", enum.Enum.__new__)
    return enum_class


_PROPERTIES = ("name", "value")  # a member so named would hide Enum's own attribute
_FLAG_OPERATORS = ("__or__", "__xor__", "__and__", "__ror__", "__rxor__", "__rand__", "__invert__")
_FLAG_BODY: dict[str, Any] = {
    "_boundary_": enum.KEEP,
    "_flag_mask_": None,
    "_all_bits_": None,
    "_singles_mask_": None,
    "_inverted_": None,
    **{name: getattr(enum.Flag, name) for name in _FLAG_OPERATORS},
}


def _is_member(pair: object) -> bool:
    """A (name, int) pair whose name can only be a member, never a special attribute."""
    if not isinstance(pair, tuple) or len(pair) != 2:
        return False
    name, value = pair
    return isinstance(name, str) and not name.startswith("_") and type(value) is int
