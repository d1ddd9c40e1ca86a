"""cvgen: one profile file, a polished PDF CV and the homepage, kept in step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from cvgen.build import build_cv as build_cv


def __getattr__(name: str) -> Any:
    # The CLI imports this package for --help; reportlab and pydantic load only on use.
    if name == "build_cv":
        from cvgen.build import build_cv

        return build_cv
    raise AttributeError(name)
