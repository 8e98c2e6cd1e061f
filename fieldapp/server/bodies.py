"""Request bodies read by pydantic straight from their bytes, for the routes that get big ones.

FastAPI parses a JSON body with the json module into dicts and lists, then has pydantic
check those: for a push of 500 ops that took longer than the check alone, which pydantic
does from the bytes in one pass. The answers stay FastAPI's: 400 for a body that is not
UTF-8, 422 ("invalid_request") for any other bad body, and the OpenAPI schema documents the
body as before (see ``document_body``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException

M = TypeVar("M", bound=BaseModel)


async def read_body(request: Request, model: type[M]) -> M:
    body = await request.body()
    if not _is_json(request.headers.get("content-type")):
        # What FastAPI says of a body it does not read as JSON.
        raise RequestValidationError(
            [
                {
                    "type": "model_attributes_type",
                    "loc": ("body",),
                    "msg": "Input should be a valid dictionary or object to extract fields from",
                    "input": None,
                }
            ]
        )
    try:
        body.decode()
    except UnicodeDecodeError:
        raise HTTPException(400, "There was an error parsing the body") from None
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        raise RequestValidationError(error.errors(include_url=False)) from None


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def body_doc(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads ``model`` with ``read_body``."""
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"content": {"application/json": {"schema": schema}}, "required": True}}


def document_body(app: FastAPI, model: type[BaseModel]) -> None:
    """Put ``model`` (and the models it holds) into the app's OpenAPI components, where
    ``body_doc`` points: FastAPI lists only the models of the parameters it reads itself."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            found = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(found.pop("$defs", {}))
            components[model.__name__] = found
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
