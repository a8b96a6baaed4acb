"""Shapes more than one router answers with."""

from ninja import Schema


class CommitteeRef(Schema):
    id: int
    code: str
    name: str


class Marked(Schema):
    marked: int
