"""The JSON answer for any /api path that no endpoint serves."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Answer 404 in JSON, with a hint when only the trailing slash is missing.

    Matching every other /api/ path here also keeps Django's APPEND_SLASH away
    from the API: it cannot redirect a POST, and in DEBUG it raises instead.
    """
    detail = f"No endpoint at {request.path}."
    if not request.path.endswith("/"):
        detail += f" Did you mean {request.path}/ (with the trailing slash)?"
    return JsonResponse({"detail": detail}, status=404)
