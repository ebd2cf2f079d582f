"""The demo's data files. ``load(name)`` reads ``demo/data/<name>.json`` with its arrays as tuples: the data are
constants, shared by every seeding run of the process, so nothing may change them in place."""

import json
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent


def _frozen(value):
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


@cache
def load(name: str) -> dict:
    with (DIRECTORY / f"{name}.json").open(encoding="utf-8") as file:
        data = json.load(file)
    data.pop("_about", None)  # what the file holds, for its reader
    return _frozen(data)
