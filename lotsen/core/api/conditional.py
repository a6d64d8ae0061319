"""Conditional GET for the public endpoints: an ETag of the body and, where the view knows it,
Last-Modified; a client that already holds the answer gets 304 without a body."""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag


class ConditionalGetMixin:
    """For DRF views: ``last_modified()`` may return the newest change of what the view shows."""

    max_age = 60

    def last_modified(self):
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        changed = self.last_modified()
        timestamp = int(changed.timestamp()) if changed else None
        response["ETag"] = etag
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        patch_cache_control(response, public=True, max_age=self.max_age)
        answer = get_conditional_response(
            request, etag=etag, last_modified=timestamp, response=response
        )
        if answer is not response:
            answer["ETag"] = etag
            patch_cache_control(answer, public=True, max_age=self.max_age)
        return answer
