"""Shared by the conformance tests (a uniquely named module: conftest.py cannot be imported reliably)."""

from __future__ import annotations

from typing import Any

import httpx
from jsonschema import Draft202012Validator

from zoho_schemas import Schema, with_definitions


def check(response: httpx.Response, status: int, schema: Schema) -> Any:
    """The answer's JSON body, once its status is `status` and the body validates against `schema`."""
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    errors = sorted(Draft202012Validator(with_definitions(schema)).iter_errors(body), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return body


def refuses(schema: Schema, body: Any) -> bool:
    """Whether `schema` refuses `body` (so a test can show its schema can fail)."""
    return not Draft202012Validator(with_definitions(schema)).is_valid(body)
