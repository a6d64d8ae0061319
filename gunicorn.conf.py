"""gunicorn's settings for production (Dockerfile, docker-compose.yml): no server banner.

gunicorn sends ``Server: gunicorn`` with every response and has no setting to leave it out
(up to 27.0, the version pinned here): the header is written by
``gunicorn.http.wsgi.Response.default_headers`` from the module's ``SERVER`` constant.
Overriding ``gunicorn.SERVER`` in a config file does not help, because that module has already
imported the name by then, and setting it to "" would still send an empty ``Server:`` line. So
this file wraps ``default_headers`` and drops the line. gunicorn executes this file in the
master before it forks the workers, so every worker has the wrapped method. Responses gunicorn
writes itself for unparseable requests (``util.write_error``: 400, 431 …) carry no banner
anyway. Only HTTP/1 is served (no ``--http2``, no TLS in gunicorn: the proxy terminates it).

The other settings stay on the command line, where they were.
"""

from gunicorn.http import wsgi


def _without_server_banner(default_headers):
    def headers(self):
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    headers.without_server_banner = True  # type: ignore[attr-defined]
    return headers


if not getattr(wsgi.Response.default_headers, "without_server_banner", False):
    wsgi.Response.default_headers = _without_server_banner(wsgi.Response.default_headers)
