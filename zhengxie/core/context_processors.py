from .models import Notification
from .navigation import menus_for
from .permissions import all_roles


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menus": menus_for(user, set()), "unread_count": 0}
    roles = all_roles(user)
    return {
        "nav_menus": menus_for(user, roles),
        "unread_count": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        "user_roles": roles,
    }
