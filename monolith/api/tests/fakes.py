"""A fake service behind the edge, for the proxy's tests, over httpx.MockTransport."""

from http import HTTPStatus

import httpx


class FakeService(httpx.Client):
    """An httpx.Client whose service is itself: it records and answers as told.

    Set `response` to choose the answer, or `failure` to the httpx error the
    transport raises instead, as a real one would on a network failure;
    `failures` are raised first, one per request.
    """

    def __init__(self, *, base_url: str) -> None:
        """Answer 200 with an empty JSON object until told otherwise."""
        super().__init__(base_url=base_url, transport=httpx.MockTransport(self.handle))
        self.received: list[httpx.Request] = []
        self.response = httpx.Response(HTTPStatus.OK, json={})
        self.failure: type[httpx.TransportError] | None = None
        self.failures: list[type[httpx.TransportError]] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Record the request; answer `response`, or raise `failure`."""
        self.received.append(request)
        failure = self.failures.pop(0) if self.failures else self.failure
        if failure is not None:
            raise failure("Simulated by the test.", request=request)
        return self.response


def not_a_client(*, base_url: str) -> object:
    """Build something that is not an httpx.Client, as a wrong EDGE_HTTP would."""
    return {"base_url": base_url}
