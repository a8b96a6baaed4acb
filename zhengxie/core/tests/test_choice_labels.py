import pytest
from django.template import Context, Template
from django.utils import translation

from zhengxie.core.factories import make_user
from zhengxie.core.models import Role, RoleGrant

ROW = Template('{% load choices %}{{ grant|label:"role" }}')


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_label_is_what_get_display_shows_in_each_language(city, language):
    grant = RoleGrant.objects.get(user=make_user(role=Role.LEADER, committee=city))
    with translation.override(language):
        assert ROW.render(Context({"grant": grant})) == grant.get_role_display()


def test_a_value_outside_the_choices_shows_as_it_is():
    grant = RoleGrant(role="retired")
    assert ROW.render(Context({"grant": grant})) == "retired"
