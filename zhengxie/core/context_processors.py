from .models import Notification
from .navigation import items_for
from .permissions import all_roles


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": items_for(set()), "unread_count": 0}
    return {
        "nav_items": items_for(all_roles(user)),
        "unread_count": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        "user_roles": all_roles(user),
    }
