import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from zhengxie.core.config import set_setting
from zhengxie.core.models import Role
from zhengxie.portal import rules
from zhengxie.portal.factories import make_board
from zhengxie.portal.models import Attachment, Audience, Post
from zhengxie.portal.services import posting
from zhengxie.portal.services.uploads import upload_image


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
    set_setting(committee=city, key=rules.FLOOD_SECONDS, value=0)
    set_setting(committee=city, key=rules.POSTS_PER_HOUR, value=3)
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


def test_upload_accepts_real_images_and_refuses_disguised_files(city, resident):
    attachment = upload_image(user=resident, committee_id=city.pk, upload=_png())
    assert (attachment.is_image, attachment.width, attachment.height) == (True, 40, 30)
    fake = SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(ValidationError, match="不是有效的图片"):
        upload_image(user=resident, committee_id=city.pk, upload=fake)


def test_upload_refuses_images_over_the_size_limit(city, resident):
    set_setting(committee=city, key=rules.IMAGE_MAX_BYTES, value=100)
    with pytest.raises(ValidationError, match="大小不能超过"):
        upload_image(user=resident, committee_id=city.pk, upload=_png())


def test_attachments_need_login_and_the_boards_download_right(client, city, make_user, staff):
    # given: a board where only members may download
    board = make_board(committee=city, download=[Audience.MEMBER, Audience.STAFF])
    image = upload_image(user=staff, committee_id=city.pk, upload=_png())
    thread = posting.create_thread(
        user=staff,
        board=board,
        title="附图",
        body="见图",
        attachment_ids=[image.pk],
        skip_limits=True,
    )
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
    assert Attachment.objects.get(pk=image.pk).post.thread == thread


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
