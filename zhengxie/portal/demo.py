"""Portal demo: boards, the seed article as a news thread (posted 2024-1-25 18:41:12, 134
views), deliberation and community threads with replies, and the history hall."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from zhengxie.core.demo import DemoWorld, demo_password_hash
from zhengxie.core.services.directory import save_directory_record
from zhengxie.core.services.residents import MovedResident, move_over_residents

from . import demo_content as content
from .models import Board, BoardGroup, Thread
from .services import posting
from .services.credits import set_board_credit_points
from .services.hall import add_exhibit_item, save_exhibition
from .services.views_counter import flush_views, record_view

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEED_POSTED = dt.datetime(2024, 1, 25, 18, 41, 12, tzinfo=SHANGHAI)
SEED_VIEWS = 134


def _png(colour: tuple[int, int, int], name: str) -> SimpleUploadedFile:
    """A simple drawn picture (a bell-like outline on a coloured field); no files fetched."""
    image = Image.new("RGB", (480, 320), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 440, 280), outline=(255, 236, 179), width=6)
    draw.ellipse((170, 90, 310, 250), outline=(255, 236, 179), width=8)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _boards(world: DemoWorld) -> dict[str, Board]:
    """The city's board groups and boards, as its office keeps them on the 基础数据 pages."""
    city, staff, boards, groups = world.city, world.accounts["staff"], {}, {}
    moderators = {"minsheng": [world.accounts["member2"]]}
    for order, (group, slug, name, text, kind, view, post, reply) in enumerate(content.BOARDS):
        if group not in groups:
            groups[group] = save_directory_record(
                user=staff,
                record=BoardGroup(committee=city, name=group, sort_order=len(groups)),
            )
        board = Board(
            committee=city, group=groups[group], slug=slug, name=name, description=text,
            kind=kind, view_audience=view, post_audience=post, reply_audience=reply,
            sort_order=order,
        )  # fmt: skip
        many = {"moderators": moderators.get(slug, [])}
        boards[slug] = save_directory_record(user=staff, record=board, many=many)
    set_board_credit_points(actor=staff, board=boards["yizheng"], points={"reply": 2})
    return boards


def _seed_article(world: DemoWorld, board: Board) -> Thread:
    """The seed page itself: its pictures become attachments, its text the first floor."""
    staff, paragraphs, images = world.accounts["staff"], [], []
    for line in content.SEED_ARTICLE.read_text(encoding="utf-8").splitlines():
        if line.strip() == content.SEED_IMAGE_LINE:
            images.append(_png((183, 28, 28), f"huimou-{len(images) + 1}.png"))
        elif line.strip() and line.strip() != content.SEED_BYLINE:
            paragraphs.append(line.strip())
    thread = posting.create_thread(
        user=staff, board=board, title=content.SEED_TITLE, body="\n\n".join(paragraphs),
        images=images, created_at=SEED_POSTED, skip_limits=True,
        byline=content.SEED_BYLINE, source=content.SEED_SOURCE,
    )  # fmt: skip
    # The page's own figure: the views the seed forum had counted by then.
    record_view(thread_id=thread.pk, count=SEED_VIEWS)
    world.notes.append(f"门户：种子文章主题 /portal/threads/{thread.pk}/")
    return thread


def _citizens(world: DemoWorld) -> None:
    """Two residents who registered on the old forum in 2022 and came over with it: the
    newcomers' link rule does not hold them back."""
    people = [
        MovedResident(username=key, display_name=name, password_hash=demo_password_hash(),
                      joined=dt.datetime(2022, 6, 1, tzinfo=SHANGHAI))
        for key, name in (("citizen1", "居民 张先生"), ("citizen2", "居民 李女士"))
    ]  # fmt: skip
    moved = move_over_residents(staff=world.accounts["staff"], committee=world.city, people=people)
    for user in moved:
        world.accounts[user.username] = user


def _threads(world: DemoWorld, boards: dict[str, Board]) -> None:
    when = dt.datetime(2023, 3, 1, 9, 0, tzinfo=SHANGHAI)
    for slug, author, title, topic, body, replies in content.THREADS:
        when += dt.timedelta(days=world.rng.randrange(3, 12), minutes=world.rng.randrange(600))
        thread = posting.create_thread(
            user=world.accounts[author], board=boards[slug], title=title, body=body,
            topic_title=topic, created_at=when, skip_limits=True,
        )  # fmt: skip
        for index, (who, text) in enumerate(replies):
            posting.reply(
                user=world.accounts[who], thread=thread, body=text, skip_limits=True,
                created_at=when + dt.timedelta(hours=index + 1, minutes=world.rng.randrange(50)),
            )  # fmt: skip
        record_view(thread_id=thread.pk, count=world.rng.randrange(40, 400))


def _hall(world: DemoWorld) -> None:
    staff = world.accounts["staff"]
    for order, (slug, title, theme, period, summary, items) in enumerate(content.EXHIBITIONS):
        exhibition = save_exhibition(
            actor=staff, committee=world.city, slug=slug, title=title, theme=theme,
            period=period, summary=summary, is_published=True, sort_order=order,
        )  # fmt: skip
        for item_title, item_period, caption, text, colour in items:
            add_exhibit_item(
                actor=staff, exhibition=exhibition, title=item_title, description=text,
                caption=caption, period=item_period, image=_png(colour, f"{slug}.png"),
            )  # fmt: skip


def seed(world: DemoWorld) -> None:
    _citizens(world)
    boards = _boards(world)
    _seed_article(world, boards["news"])
    _threads(world, boards)
    # The views counted above reach the threads as the periodic fold brings them in.
    flush_views()
    _hall(world)
