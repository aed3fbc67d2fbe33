"""The views run on CPython against the fake DOM: `pyscript` is faked before any of them is imported."""

from .fakes import install_pyscript

install_pyscript()
