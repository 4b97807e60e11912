"""The codes and constants of the O*NET text database: ids, scales, SOC major groups.

Shared by the O*NET reader (`skillgraph.io.onet`, which re-exports the public names) and
whatever needs an O*NET id without reading the database.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus

__all__ = [
    "CODE",
    "ESSENTIAL_IM",
    "MIN_IM",
    "NUMBER",
    "OCCUPATIONS",
    "ONET_NS",
    "RATINGS",
    "SOC_COLUMN",
    "SOC_MAJOR",
    "TECH_IN_DEMAND",
    "TECH_LISTED",
    "element_id",
    "role_id",
    "soc_minor",
    "technology_id",
]

ONET_NS = "urn:onet:"
ESSENTIAL_IM = 3.0
MIN_IM = 2.0
TECH_IN_DEMAND = 0.5
TECH_LISTED = 0.25
RATINGS = "ratings"
"""Role attribute holding the full rating profile (see the module documentation)."""

OCCUPATIONS = "Occupation Data.txt"
#: the column naming the occupation in every O*NET file
SOC_COLUMN = "O*NET-SOC Code"
CODE = re.compile(r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")  # ASCII digits only (not \d)
#: A decimal number in ASCII: float() also takes "4_0", "\uff14" and Arabic-Indic digits.
NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
SOC_MAJOR = {
    "11": "Management Occupations",
    "13": "Business and Financial Operations Occupations",
    "15": "Computer and Mathematical Occupations",
    "17": "Architecture and Engineering Occupations",
    "19": "Life, Physical, and Social Science Occupations",
    "21": "Community and Social Service Occupations",
    "23": "Legal Occupations",
    "25": "Educational Instruction and Library Occupations",
    "27": "Arts, Design, Entertainment, Sports, and Media Occupations",
    "29": "Healthcare Practitioners and Technical Occupations",
    "31": "Healthcare Support Occupations",
    "33": "Protective Service Occupations",
    "35": "Food Preparation and Serving Related Occupations",
    "37": "Building and Grounds Cleaning and Maintenance Occupations",
    "39": "Personal Care and Service Occupations",
    "41": "Sales and Related Occupations",
    "43": "Office and Administrative Support Occupations",
    "45": "Farming, Fishing, and Forestry Occupations",
    "47": "Construction and Extraction Occupations",
    "49": "Installation, Maintenance, and Repair Occupations",
    "51": "Production Occupations",
    "53": "Transportation and Material Moving Occupations",
    "55": "Military Specific Occupations",
}


#: The SOC 2018 minor groups whose code does not end in "000": each holds every detailed
#: occupation of its first four characters (15-1200 Computer Occupations, 31-1100 Home
#: Health and Personal Care Aides; and Nursing Assistants, Orderlies, and Psychiatric
#: Aides, 51-5100 Printing Workers).
_SOC_MINOR_ODD = {"15-1": "15-1200", "31-1": "31-1100", "51-5": "51-5100"}


def soc_minor(code: str) -> str:
    """The SOC 2018 minor group code of an O*NET-SOC or SOC code (``29-1141.00`` ->
    ``29-1000``): its first four characters, then ``000`` (``100`` / ``200`` for the
    three groups of `_SOC_MINOR_ODD`)."""
    return _SOC_MINOR_ODD.get(code[:4], code[:4] + "000")


def role_id(code: str) -> str:
    """The role id of an O*NET-SOC code (``"15-1252.00"`` -> ``"onet:15-1252.00"``)."""
    return "onet:" + code


def element_id(element: str) -> str:
    """The skill id of a content-model element (``"2.A.1.a"`` -> ``"onet:element/2.A.1.a"``)."""
    return "onet:element/" + element


def technology_id(example: str) -> str:
    """The skill id of a technology example (``"MS Excel"`` -> ``"onet:tech/MS+Excel"``)."""
    example = example.strip()
    if _UNQUOTED.fullmatch(example):  # what quote_plus leaves as it is, spaces made '+'
        return "onet:tech/" + example.replace(" ", "+")
    return "onet:tech/" + quote_plus(example, safe="")


#: the characters `urllib.parse.quote_plus` (``safe=""``) keeps, and the space
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~ -]*")
