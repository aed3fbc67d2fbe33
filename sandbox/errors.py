"""Zoho-shaped JSON errors, as one table: code -> (HTTP status, message)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse

API_ERRORS: dict[str, tuple[int, str]] = {
    "AUTHENTICATION_FAILURE": (401, "Authentication failed"),
    "INVALID_TOKEN": (401, "invalid oauth token"),
    "OAUTH_SCOPE_MISMATCH": (401, "invalid oauth scope to access this URL"),
    "TOO_MANY_REQUESTS": (429, "too many requests, try again later"),
    "INVALID_URL_PATTERN": (404, "Please check if the URL trying to access is a correct one"),
    "INVALID_REQUEST_METHOD": (400, "The http request method type is not a valid one"),
    "INVALID_MODULE": (400, "the module name given seems to be invalid"),
    "REQUIRED_PARAM_MISSING": (400, "One of the expected parameter is missing"),
    "INVALID_DATA": (400, "invalid data"),
    "LIMIT_EXCEEDED": (400, "the number of records is more than the allowed limit"),
    "DISCRETE_PAGINATION_LIMIT_EXCEEDED": (
        400,
        "you can fetch only the first 2000 records with the page parameter; use page_token for more",
    ),
    "PAGINATION_LIMIT_EXCEEDED": (400, "page tokens reach only the first 100000 records"),
    "AMBIGUITY_DURING_PROCESSING": (400, "give either page or page_token, not both"),
    "TOKEN_BOUND_DATA_MISMATCH": (400, "the page_token is unknown, or the other parameters differ from its request"),
    "EXPIRED_VALUE": (400, "the page token has expired"),
    "EXPECTED_PARAM_MISSING": (400, "give one of the parameters criteria, email, phone or word"),
    "INVALID_REQUEST": (400, "a parameter has a value that cannot be used"),
    "INVALID_QUERY": (400, "Invalid query formed"),
    "CRITERIA_LIMIT_EXCEEDED": (400, "the criteria has more conditions than allowed"),
    "LIMIT_REACHED": (400, "maximum response iteration limit reached"),
    "SYNTAX_ERROR": (400, "the query could not be parsed"),
    "DUPLICATE_DATA": (400, "the same column is given twice"),
    "DUPLICATE_ALIAS": (400, "one alias cannot name two columns"),
    "INVALID_ALIAS": (400, "the alias cannot be used"),
    "MANDATORY_NOT_FOUND": (400, "mandatory key not found"),
    "FILE_SIZE_MORE_THAN_ALLOWED_SIZE": (413, "the file is larger than Zoho takes (20 MB)"),
    "INTERNAL_ERROR": (500, "Internal Server Error"),
    "SERVICE_UNAVAILABLE": (503, "the service is temporarily unavailable"),
}

#: Per-record outcomes inside {"data": [...]} answers of create/update/delete: code -> message.
RECORD_MESSAGES: dict[str, str] = {
    "MANDATORY_NOT_FOUND": "required field not found",
    "INVALID_DATA": "invalid data",
}


def api_error(
    code: str, details: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None,
    message: str | None = None,
) -> JSONResponse:
    """`message` replaces the table's when one code has several (COQL's INVALID_QUERY, for one)."""
    status, default_message = API_ERRORS[code]
    body = {"code": code, "details": dict(details or {}), "message": message or default_message, "status": "error"}
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def record_error(code: str, details: Mapping[str, Any], message: str | None = None) -> dict[str, Any]:
    return {"code": code, "details": dict(details), "message": message or RECORD_MESSAGES[code], "status": "error"}


def record_success(message: str, details: Mapping[str, Any]) -> dict[str, Any]:
    return {"code": "SUCCESS", "details": dict(details), "message": message, "status": "success"}


def multi_status(results: list[dict[str, Any]], all_ok_status: int) -> JSONResponse:
    """all succeeded -> all_ok_status; some -> 207; none -> 400."""
    ok = sum(1 for r in results if r["status"] == "success")
    status = all_ok_status if ok == len(results) else 207 if ok else 400
    return JSONResponse({"data": results}, status_code=status)
