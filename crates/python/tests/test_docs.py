"""Every public name of the package says what it does (help() and editors show it)."""

import inspect

import articlekit as ak


def public_members():
    for name in ak.__all__:
        obj = getattr(ak, name)
        if name == "__version__":
            continue
        yield name, obj
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for member, value in vars(obj).items():
                if not member.startswith("_"):
                    yield f"{name}.{member}", value


def test_every_public_name_has_a_docstring():
    missing = [name for name, obj in public_members() if not (getattr(obj, "__doc__", None) or "").strip()]
    assert missing == []


def test_signatures_are_visible():
    for function in (ak.read, ak.export, ak.validate, ak.arrow_schema, ak.schema):
        inspect.signature(function)
    assert list(inspect.signature(ak.read).parameters)[:4] == ["paths", "format", "skip_invalid", "jobs"]
