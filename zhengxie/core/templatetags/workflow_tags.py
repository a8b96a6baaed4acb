from django import template

from ..workflow.actions import actions_for

register = template.Library()


@register.inclusion_tag("core/_workflow_actions.html", takes_context=True)
def workflow_actions(context, record, workflow=None):
    """The buttons of the steps the signed-in person may take on the record now."""
    return {"actions": actions_for(record, context["request"].user, workflow=workflow)}
