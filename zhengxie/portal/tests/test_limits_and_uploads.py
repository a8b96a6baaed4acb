import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from zhengxie.core.models import Role
from zhengxie.core.services.rules import set_rule
from zhengxie.portal import rules
from zhengxie.portal.factories import make_board
from zhengxie.portal.models import Attachment, Audience, Post
from zhengxie.portal.services import posting
from zhengxie.portal.services.moderation import ban_from_board


def _png(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (183, 28, 28)).save(buffer, format="PNG")
    return SimpleUploadedFile("bell.png", buffer.getvalue(), content_type="image/png")


def _old_account(user):
    user.date_joined = timezone.now() - dt.timedelta(days=30)
    user.save(update_fields=["date_joined"])
    return user


def test_second_post_within_the_flood_interval_is_refused(thread, resident):
    _old_account(resident)
    posting.reply(user=resident, thread=thread, body="第一条")
    with pytest.raises(ValidationError, match="15 秒"):
        posting.reply(user=resident, thread=thread, body="第二条")
    assert Post.objects.filter(thread=thread).count() == 2


def test_hourly_cap_is_configurable_per_committee(city, thread, resident):
    # given: no flood interval, three posts an hour
    set_rule(actor=None, committee=city, key=rules.FLOOD_SECONDS, value=0)
    set_rule(actor=None, committee=city, key=rules.POSTS_PER_HOUR, value=3)
    for n in range(3):
        posting.reply(user=resident, thread=thread, body=f"第{n}条")
    # when / then
    with pytest.raises(ValidationError, match="每小时最多发帖 3 次"):
        posting.reply(user=resident, thread=thread, body="第四条")
    thread.refresh_from_db()
    assert thread.replies == 3


def test_new_accounts_may_not_post_links(thread, resident):
    with pytest.raises(ValidationError, match="不能发布链接"):
        posting.reply(user=resident, thread=thread, body="看这里 https://spam.example/")
    # an older account may
    _old_account(resident)
    post = posting.reply(user=resident, thread=thread, body="见 https://www.suizhou.gov.cn/")
    assert 'href="https://www.suizhou.gov.cn/"' not in post.body_html  # plain text stays text
    assert "suizhou.gov.cn" in post.body_html


def test_reply_page_names_the_limit_in_chinese(client, thread, resident):
    client.force_login(resident)
    url = reverse("portal:reply", args=[thread.pk])
    assert client.post(url, {"body": "一"}).status_code == 302
    response = client.post(url, {"body": "二"})
    assert response.status_code == 400
    assert "两次发帖间隔不能少于 15 秒" in response.content.decode()


def test_reply_images_are_checked_by_their_bytes(thread, resident):
    # given: a real picture and a script that calls itself a picture
    _old_account(resident)
    fake = SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png")
    # when
    post = posting.reply(user=resident, thread=thread, body="附图", images=[_png()])
    with pytest.raises(ValidationError, match=r"图片：“evil\.png”不是可接受的文件"):
        posting.reply(user=resident, thread=thread, body="再附图", images=[fake])
    # then
    attachment = post.attachments.get()
    assert (attachment.is_image, attachment.width, attachment.height) == (True, 40, 30)
    assert (attachment.content_type, attachment.original_name) == ("image/png", "bell.png")


def test_images_of_a_post_entered_later_are_dated_by_the_post(thread, resident):
    """A forum post moved over from the old forum keeps its day, and so do its pictures."""
    posted = timezone.now() - dt.timedelta(days=400)
    post = posting.reply(
        user=resident, thread=thread, body="旧帖", images=[_png()], created_at=posted,
        skip_limits=True,
    )  # fmt: skip
    assert post.attachments.get().created_at == post.created_at == posted


def test_reply_refuses_images_over_the_size_limit(city, thread, resident):
    set_rule(actor=None, committee=city, key=rules.IMAGE_MAX_BYTES, value=100)
    with pytest.raises(ValidationError, match=r"超过 0\.0 MB"):
        posting.reply(user=resident, thread=thread, body="附图", images=[_png()])
    assert not Post.objects.filter(author=resident).exists()


def test_attachments_need_login_and_the_boards_download_right(client, city, make_user, staff):
    # given: a board where only members may download
    board = make_board(committee=city, download=[Audience.MEMBER, Audience.STAFF])
    thread = posting.create_thread(
        user=staff, board=board, title="附图", body="见图", images=[_png()], skip_limits=True
    )
    image = Attachment.objects.get(post__thread=thread)
    url = reverse("portal:attachment", args=[image.pk])
    # guest: the seed's prompt on the page, a login redirect on the file
    page = client.get(reverse("portal:thread", args=[thread.pk])).content.decode()
    assert "才可以下载或查看，没有账号？" in page
    assert url not in page
    assert client.get(url).status_code == 302
    # resident: refused
    client.force_login(make_user(Role.RESIDENT, city))
    assert client.get(url).status_code == 403
    # member: served with its checked content type
    client.force_login(make_user(Role.MEMBER, city))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_thread_form_uploads_and_attaches_an_image(client, board, staff):
    client.force_login(staff)
    response = client.post(
        reverse("portal:thread_create", args=[board.pk]),
        {"title": "编钟图片", "body": "曾侯乙编钟", "image": _png()},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().post.thread.title == "编钟图片"


def test_thread_form_names_the_bad_field(client, board, staff):
    client.force_login(staff)
    response = client.post(
        reverse("portal:thread_create", args=[board.pk]), {"title": "   ", "body": "内容"}
    )
    assert "标题" in response.content.decode()


def _reply_with_image(client, thread, body: str = "附图"):
    return client.post(reverse("portal:reply", args=[thread.pk]), {"body": body, "image": _png()})


def test_a_reply_refused_for_its_empty_body_leaves_no_image(client, thread, resident, stored_files):
    # given
    client.force_login(resident)
    # when: the text is only markup, empty once sanitised
    response = _reply_with_image(client, thread, body="<b></b>")
    # then
    assert response.status_code == 400
    assert "内容：不能为空" in response.content.decode()
    assert (stored_files(), Attachment.objects.count()) == ([], 0)


def test_a_banned_persons_reply_leaves_no_image(
    client, board, thread, resident, staff, stored_files
):
    # given
    ban_from_board(actor=staff, board=board, user=resident, reason="灌水")
    client.force_login(resident)
    # when
    response = _reply_with_image(client, thread)
    # then
    assert response.status_code == 403
    assert (stored_files(), Attachment.objects.count()) == ([], 0)


def test_a_reply_over_the_posting_limit_leaves_no_image(client, thread, resident, stored_files):
    # given: one reply already, within the flood interval
    client.force_login(resident)
    assert _reply_with_image(client, thread).status_code == 302
    first = stored_files()
    # when
    response = _reply_with_image(client, thread)
    # then
    assert "两次发帖间隔不能少于 15 秒" in response.content.decode()
    assert stored_files() == first
    assert Attachment.objects.count() == 1


def test_a_failed_database_write_deletes_the_stored_image(
    monkeypatch, thread, resident, stored_files
):
    # given: the post's write fails after its image was stored
    def fail(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(posting.credits, "award_credits", fail)
    # when
    with pytest.raises(DatabaseError):
        posting.reply(user=resident, thread=thread, body="附图", images=[_png()])
    # then
    assert (stored_files(), Attachment.objects.count()) == ([], 0)


def test_the_hourly_upload_allowance_refuses_in_chinese(client, city, thread, resident):
    # given: no flood interval, two uploads an hour
    set_rule(actor=None, committee=city, key=rules.FLOOD_SECONDS, value=0)
    set_rule(actor=None, committee=city, key=rules.UPLOADS_PER_HOUR, value=2)
    client.force_login(resident)
    for _n in range(2):
        assert _reply_with_image(client, thread).status_code == 302
    # when
    response = _reply_with_image(client, thread)
    # then
    assert response.status_code == 400
    assert "图片：每小时最多上传 2 个文件" in response.content.decode()
    assert Attachment.objects.count() == 2


def test_forum_images_go_through_the_upload_store(thread, resident):
    # given: a real PNG its uploader calls x.html
    image = SimpleUploadedFile("x.html", _png().read(), content_type="text/html")
    # when
    post = posting.reply(user=resident, thread=thread, body="附图", images=[image])
    # then: a generated storage name, the detected type, a safe display name
    attachment = post.attachments.get()
    assert attachment.file.name.startswith("portal/attachments/")
    assert attachment.file.name.endswith(".png") and "x." not in attachment.file.name
    assert (attachment.content_type, attachment.original_name) == ("image/png", "x.png")
