"""Learning catalogues as CSV: one row per resource, skills by id or label.

`read_csv` is what `read_catalogue` uses for ``.csv`` and ``.tsv`` files; every error
names the file, the line and the column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._learning_model import Proficiency
from .._learning_model import enum_value as _enum_value
from ..errors import FormatError
from .resources import Catalogue, LearningResource

if TYPE_CHECKING:
    from ..graph import SkillGraph

__all__ = ["read_csv"]

#: CSV column -> field; ``hours`` is accepted for ``duration_hours``
_COLUMNS = {
    "id": "id",
    "label": "label",
    "provider": "provider",
    "url": "url",
    "kind": "kind",
    "duration_hours": "duration_hours",
    "hours": "duration_hours",
    "cost": "cost",
    "level": "level",
    "language": "language",
    "delivery": "delivery",
    "teaches": "teaches",
    "requires": "requires",
    "currency": "currency",
}
_REQUIRED = ("id", "label", "kind", "duration_hours", "teaches")


def read_csv(text: str, source: str, graph: SkillGraph | None, currency: str) -> Catalogue:
    """The catalogue in CSV ``text`` read from ``source``, its skills resolved in ``graph``.

    Raises:
        FormatError: naming ``source``, the line and the column.
    """
    import csv
    import io

    from pydantic import ValidationError

    first = text.split("\n", 1)[0]
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise FormatError(f"malformed CSV: {exc}", source=source, line=1) from None
    if header is None or not any(h.strip() for h in header):
        raise FormatError("empty catalogue (expected a header row)", source=source, line=1)
    columns: list[str | None] = []
    for h in header:
        key = h.strip().lower().replace(" ", "_")
        if key and key not in _COLUMNS:
            raise FormatError(
                f"unknown column {h.strip()!r}; expected some of {', '.join(sorted(_COLUMNS))}",
                source=source,
                line=1,
                column=h.strip(),
            )
        field = _COLUMNS.get(key)
        if field is not None and field in columns:  # "hours" and "duration_hours" too
            raise FormatError(
                f"repeated column {h.strip()!r} (expected each field once)",
                source=source,
                line=1,
                column=h.strip(),
            )
        columns.append(field)
    for need in _REQUIRED:
        if need not in columns:
            raise FormatError(f"missing column {need!r}", source=source, line=1)
    resources: list[LearningResource] = []
    seen: dict[str, int] = {}
    priced: tuple[str, int] | None = None  # the catalogue's currency and its first line
    end = reader.line_num
    while True:
        line = end + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise FormatError(f"malformed CSV: {exc}", source=source, line=line) from None
        end = reader.line_num
        if row is None:
            break
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) > len(columns):
            raise FormatError(
                f"{len(row)} cells, the header has {len(columns)}", source=source, line=line
            )
        raw = {col: cell.strip() for col, cell in zip(columns, row, strict=False) if col}
        money = raw.pop("currency", "").upper()
        if money and not (money.isascii() and money.isalpha() and 1 <= len(money) <= 8):
            raise FormatError(
                f"expected a currency code of 1-8 letters (USD, EUR), got {money!r}",
                source=source,
                line=line,
                column="currency",
            )
        if money:  # one currency for the catalogue: the first row naming one sets it
            if priced is None:
                priced = (money, line)
            elif money != priced[0]:
                raise FormatError(
                    f"currency {money!r}, but line {priced[1]} says {priced[0]!r} (a catalogue "
                    "has one currency)",
                    source=source,
                    line=line,
                    column="currency",
                )
        rid = raw.get("id", "")
        if rid in seen:
            raise FormatError(
                f"duplicate resource id {rid!r} (first on line {seen[rid]})",
                source=source,
                line=line,
                column="id",
            )
        fields = _csv_fields(raw, graph, source, line)
        try:
            resources.append(LearningResource.model_validate(fields))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = err["loc"]
            field = str(loc[0]) if loc else "teaches"
            shown = "hours" if field == "duration_hours" and "hours" not in raw else field
            value = raw.get(field, "")
            raise FormatError(
                f"{err['msg']} (value {value!r})" if value else err["msg"],
                source=source,
                line=line,
                column=shown if loc else None,
            ) from None
        seen[rid] = line
    if not resources:
        raise FormatError("no resource listed", source=source)
    return Catalogue(currency=priced[0] if priced else currency, resources=resources)


def _csv_fields(
    raw: dict[str, str], graph: SkillGraph | None, source: str, line: int
) -> dict[str, Any]:
    fields: dict[str, Any] = {k: v for k, v in raw.items() if v != ""}
    for col in ("duration_hours", "cost"):
        if col in fields:
            try:
                fields[col] = float(fields[col])
            except ValueError:
                raise FormatError(
                    f"expected a number, got {fields[col]!r}",
                    source=source,
                    line=line,
                    column="hours" if col == "duration_hours" else col,
                ) from None
    teaches = []
    for ref in _split(raw.get("teaches", "")):
        skill, level = _level_suffix(ref)
        teaches.append({"skill": _skill(graph, skill, source, line, "teaches"), "level": level})
    fields["teaches"] = [
        {"skill": t["skill"], "proficiency": t["level"]} if t["level"] else {"skill": t["skill"]}
        for t in teaches
    ]
    fields["requires"] = [
        _skill(graph, ref, source, line, "requires") for ref in _split(raw.get("requires", ""))
    ]
    return fields


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _level_suffix(ref: str) -> tuple[str, str | None]:
    head, sep, tail = ref.rpartition("@")
    if sep and _enum_value(tail) in {p.value for p in Proficiency}:
        return head.strip(), str(_enum_value(tail))
    return ref, None


def _skill(graph: SkillGraph | None, ref: str, source: str, line: int, field: str) -> str:
    if graph is None:
        return ref
    from ..errors import NotFoundError

    try:
        return graph.resolve(ref, "skill")
    except NotFoundError as exc:
        raise FormatError(f"unknown skill: {exc}", source=source, line=line, column=field) from None
