"""``korex schema``: the JSON Schema of korex's output documents."""
from __future__ import annotations

import json

import typer
from typing import Annotated

from korex.cli.main import app
from korex.schema import json_schema


def schema_text(indent: int = 2) -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=indent or None)


@app.command("schema")
def schema_cli(
    indent: Annotated[int, typer.Option(min=0, help="Indentation; 0 for one line.")] = 2,
) -> None:
    """Print the JSON Schema of a korex document (the contract: docs/OUTPUT.md in the korex repository)."""
    typer.echo(schema_text(indent))
