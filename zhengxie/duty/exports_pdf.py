"""The duty file as PDF, with the same parts as the Word file (exports.duty_file_parts), drawn
by the project's reportlab helpers (core.pdf: the Chinese font embedded, text stays text)."""

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from zhengxie.core.models import Member
from zhengxie.core.pdf import BODY, HEADING, TITLE, build, grid, text

from .exports import duty_file_parts


def duty_file_pdf(*, member: Member, data: dict) -> bytes:
    title, subtitle, parts = duty_file_parts(member=member, data=data)
    story = [text(title, TITLE), text(subtitle, BODY), Spacer(1, 4 * mm)]
    for part in parts:
        story.append(text(part.heading, HEADING))
        if part.header:
            story.append(grid(part.header, part.rows))
        story.extend(text(line, BODY) for line in part.lines)
    return build(story, title=title, author=member.committee.name, subject=member.name)
