"""Compressing Headway's responses, with BREACH in mind.

Pages are 200 KB or more of HTML that gzip shrinks to a fifth. BREACH recovers a secret
from a compressed page's size when the page also reflects what an attacker sends, over
many requests. Headway's defences, in order of strength:

- the secret most pages carry, the CSRF token, is masked afresh in every response (Django
  does this), so there is no fixed value for many requests to converge on;
- Django's GZipMiddleware pads each response with up to 100 random bytes ("Heal the
  BREACH"), which multiplies the requests an attack needs;
- a response that shows a secret of its own, such as a new API token, is sent uncompressed:
  mark it with ``mark_never_compress``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

NEVER_COMPRESS = "_headway_never_compress"


def mark_never_compress(response: HttpResponseBase) -> HttpResponseBase:
    """Send this response uncompressed: it shows a secret worth a BREACH attack."""
    setattr(response, NEVER_COMPRESS, True)
    return response


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, except for responses marked by ``mark_never_compress``."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(response, NEVER_COMPRESS, False):
            return response
        result: HttpResponseBase = super().process_response(request, response)
        return result
