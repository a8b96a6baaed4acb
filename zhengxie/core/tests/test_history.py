"""A record's history as people read it, one record or a whole list page at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengxie.core.history import attach_histories, histories_of, history_of
from zhengxie.core.services.members import create_member, update_member


def test_an_edit_reads_as_which_field_changed_from_what_to_what(city, staff):
    member = create_member(user=staff, committee=city, fields={"name": "张三"})
    update_member(user=staff, member=member, fields={"name": "张三丰"})

    newest, created = history_of(member)

    assert (newest.action, created.action) == ("修改", "创建")
    assert [(c.old, c.new) for c in newest.changes] == [("张三", "张三丰")]


def test_a_list_page_reads_every_history_in_one_query(city, staff):
    members = [
        create_member(user=staff, committee=city, fields={"name": name}) for name in "甲乙丙"
    ]
    update_member(user=staff, member=members[0], fields={"name": "甲一"})

    with CaptureQueriesContext(connection) as queries:
        listed = attach_histories(members)

    assert len(queries) == 1
    assert all(m.history_entries == history_of(m) for m in listed)
    assert histories_of([]) == {}
