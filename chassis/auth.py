"""Authentication of one service by another: the shared secret of internal endpoints.

A service reading another's internal endpoint (since stage 4, orders reading
users' changes feed) sends `Authorization: Bearer <EVENTS_SECRET>`. Stage 7
replaces the shared secret with per-service credentials.
"""

import hmac
from dataclasses import dataclass

from django.conf import settings
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

SCHEME = "Bearer"


@dataclass(frozen=True)
class TrustedService:
    """Who an internal request comes from: a process that knows the shared secret."""

    is_authenticated: bool = True


class SharedSecretAuthentication(BaseAuthentication):
    """Accept a request whose bearer token is settings.EVENTS_SECRET."""

    def authenticate(self, request: Request) -> tuple[TrustedService, None] | None:
        """Return the caller, or None without credentials; refuse wrong ones."""
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        expected = settings.EVENTS_SECRET.encode()
        # The scheme's name is case-insensitive (RFC 9110); the token is not.
        right_scheme = scheme.lower() == SCHEME.lower()
        if not right_scheme or not hmac.compare_digest(token.encode(), expected):
            raise AuthenticationFailed("The shared secret is wrong.")
        return TrustedService(), None

    def authenticate_header(self, request: Request) -> str:
        """Name the scheme in WWW-Authenticate, which makes a refusal a 401."""
        return SCHEME
