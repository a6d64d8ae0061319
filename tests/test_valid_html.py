"""Every page of the URL x role matrix, as each role sees it, is valid HTML for the W3C Nu
checker (vnu-jar from npm, run on Java), and links only to pages that role may open.

The pages are fetched with the test client (the same world of objects as the matrix) and
checked in one run of the checker; the failure lists each page's first errors.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.matrix import OK
from tests.test_url_matrix import MATRIX, url_of, users, world  # noqa: F401 (fixtures)

# Outlook's "mso-hide" keeps an email's preheader hidden there; it is right in the mail (shown as
# its preview) though no CSS standard knows it.
EMAIL_CLIENT_CSS = r".*“mso-hide”.*"

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINK = re.compile(r"<a [^>]*href=\"([^\"]+)\"")
ROLES = ("anonymous", "guide", "coordinator", "admin")

pytestmark = pytest.mark.skipif(
    not VNU.exists() or shutil.which("java") is None,
    reason="the Nu checker needs node_modules/vnu-jar (npm ci) and Java",
)


def pages(client, world, users):  # noqa: F811
    """(role, url, html) of every page each role may open."""
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for name, row in sorted(MATRIX.items()):
            if row.get is None or row.get[role] != OK:
                continue
            url = url_of(name, world)
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                yield role, url, response.content


def test_every_page_is_valid_html(client, world, users, tmp_path: Path):  # noqa: F811
    files = {}
    for number, (role, url, html) in enumerate(pages(client, world, users)):
        path = tmp_path / f"{number:04d}.html"
        path.write_bytes(html)
        files[path.name] = f"{role} {url}"
    assert len(files) > 100  # the crawl reached the portal's pages, not only a login form

    result = subprocess.run(
        [
            "java",
            "-Xss8m",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            "--filterpattern",
            EMAIL_CLIENT_CSS,
            *map(str, sorted(tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        page = files.get(message.get("url", "").rpartition("/")[2], message.get("url", ""))
        errors.setdefault(page, []).append(f"line {message.get('lastLine')}: {message['message']}")
    report = "\n".join(
        f"{page}: " + " | ".join(found[:3]) for page, found in sorted(errors.items())
    )
    print(f"Nu checker: {len(files)} pages, {len(messages)} errors")
    assert not messages, f"{len(messages)} errors on {len(errors)} of {len(files)} pages:\n{report}"


def test_no_page_links_to_a_page_its_reader_may_not_open(client, world, users):  # noqa: F811
    """Every link a role is shown inside the portal answers that role without 403 or 404."""
    shown: dict[str, dict[str, str]] = {role: {} for role in ROLES}
    for role, url, html in list(pages(client, world, users)):
        for link in LINK.findall(html.decode()):
            link = link.replace("&amp;", "&")
            if link.startswith("/") and not link.startswith(("//", "/static/", "/media/")):
                shown[role].setdefault(link.split("#")[0], url)
    broken = []
    for role, links in shown.items():
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for link, page in sorted(links.items()):
            status = client.get(link).status_code
            if status in (403, 404, 500):
                broken.append(f"{role} on {page}: {link} answers {status}")
    print(f"links checked: {sum(len(links) for links in shown.values())}")
    assert not broken, "\n".join(broken)
