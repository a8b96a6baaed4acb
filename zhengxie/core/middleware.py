from django.shortcuts import redirect
from django.urls import reverse


class ForcePasswordChangeMiddleware:
    """Accounts created by staff must replace their first password before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("core:password_change"), reverse("core:logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("core:password_change")
        return self.get_response(request)
