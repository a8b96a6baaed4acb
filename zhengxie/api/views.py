from django.http import HttpRequest, JsonResponse

from .errors import not_found_response


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return not_found_response()
