"""O*NET's levels of an occupation: its Job Zone (1-5) and its median required level of
education (1-12).

``Job Zones.txt`` gives each occupation's Job Zone, the role's ``level``.

``Education, Training, and Experience.txt`` rates, for each occupation, the share of
incumbents whose job requires each level of education (scale ``RL``, categories 1-12:
1 less than a high school diploma, 2 high school, 3 post-secondary certificate, 4 some
college, 5 associate's degree, 6 bachelor's, 7 post-baccalaureate certificate, 8 master's,
9 post-master's certificate, 10 first professional degree, 11 doctoral degree, 12
post-doctoral training). The median category (the lowest whose cumulative share reaches
half) becomes the role's ``attributes["education_level"]``, which the viability of a move
reads (``skillgraph.analysis.viability``). Unlike the importer's ratings, a share flagged
*Recommend Suppress* is kept: the shares are one distribution over the categories, and
leaving one out moves the median onto the others (Registered Nurses' bachelor's share,
56% and flagged, would make their median a post-secondary certificate, and doctoral
roles would become viable moves for nurses).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from ._csv import Table
from ._onet_codes import SOC_COLUMN as _SOC
from ._onet_rows import soc_code

__all__ = ["EDUCATION_FILE", "ZONES_FILE", "job_zones", "median_levels"]

EDUCATION_FILE = "Education, Training, and Experience.txt"
ZONES_FILE = "Job Zones.txt"
COLUMNS = (_SOC, "Scale ID", "Category", "Data Value")
ZONE_COLUMNS = (_SOC, "Job Zone")


def job_zones(tables: Iterable[Table]) -> Iterator[tuple[Table, str, int]]:
    """(table, O*NET-SOC code, Job Zone) of each row of ``Job Zones.txt``.

    Raises:
        FormatError: a code is malformed or a zone is not 1-5 (naming file, line, column).
    """
    for t in tables:
        i_code, i_zone = t.col(_SOC), t.col("Job Zone")
        for row in t:
            code = soc_code(t, row[i_code])
            zone = row[i_zone].strip()
            if zone not in ("1", "2", "3", "4", "5"):  # str.isdigit() admits '²'
                raise t.error(f"invalid Job Zone {zone!r} (expected 1-5)", "Job Zone")
            yield t, code, int(zone)


def median_levels(tables: Iterable[Table]) -> dict[str, int]:
    """O*NET-SOC code -> median required-education category, from the ``RL`` rows (those
    flagged *Recommend Suppress* included: see the module docstring).

    Raises:
        FormatError: a category is not 1-12 or a share is not a number in [0, 100]
            (naming the file, line and column).
    """
    shares: dict[str, dict[int, float]] = {}
    for t in tables:
        i_code, i_scale = t.col(_SOC), t.col("Scale ID")
        i_cat, i_value = t.col("Category"), t.col("Data Value")
        for row in t:
            if row[i_scale].strip() != "RL":
                continue
            cat = row[i_cat].strip()
            if not cat.isascii() or not cat.isdigit() or not 1 <= int(cat) <= 12:
                raise t.error(f"invalid education category {cat!r} (expected 1-12)", "Category")
            try:
                value = float(row[i_value])
            except ValueError:
                value = math.nan
            if not 0.0 <= value <= 100.0:  # NaN fails too
                raise t.error(
                    f"invalid share {row[i_value]!r} (expected a percentage 0-100)", "Data Value"
                )
            by_cat = shares.setdefault(row[i_code].strip(), {})
            by_cat[int(cat)] = by_cat.get(int(cat), 0.0) + value
    out: dict[str, int] = {}
    for code, by_cat in shares.items():
        total = sum(by_cat.values())
        if total <= 0:
            continue
        acc = 0.0
        for category in sorted(by_cat):
            acc += by_cat[category]
            if acc >= total / 2:
                out[code] = category
                break
    return out
