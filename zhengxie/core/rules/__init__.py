"""The rules registry: declarations (`Rule` with a kind from `kinds`), `register`, and the
cached reader `rule(committee, key)`. Changes go through core.services.rules.set_rule."""

from .kinds import (
    Choice,
    CodeList,
    Integer,
    Invalid,
    Kind,
    ListOf,
    Mapping,
    Pairs,
    Record,
    Text,
)
from .registry import (
    Rule,
    declaration,
    declarations,
    forget_committee_rules,
    register,
    rule,
)

__all__ = [
    "Choice",
    "CodeList",
    "Integer",
    "Invalid",
    "Kind",
    "ListOf",
    "Mapping",
    "Pairs",
    "Record",
    "Rule",
    "Text",
    "declaration",
    "declarations",
    "forget_committee_rules",
    "register",
    "rule",
]
