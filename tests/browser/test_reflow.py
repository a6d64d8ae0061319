"""Reflow (WCAG 2.1 SC 1.4.10): no page of the URL x role crawl scrolls sideways.

Every page a role may open (the rows of the URL matrix, tests/matrix/, with the objects its
``world`` creates) is visited as an anonymous visitor, a guide, a coordinator and the
Landeskoordination at 320 px and at 1280 px. A page fails when the document is wider than the
window (``scrollWidth > innerWidth``); the failure names the page and the widest element that
sticks out. A table may still scroll inside its own region (``.table-scroll``): that does not
widen the document. Each page is also checked with axe. Downloads (PDF, CSV, spreadsheets,
calendar files) are not pages and are left out.

One browser tab serves the whole crawl, with one session per role, so that it stays fast.
"""

import pytest
from django.test import Client

from lotsen.models.guides import GuideLanguage, LanguageLevel
from tests.browser.conftest import BROWSER
from tests.factories import EventFactory, LanguageFactory, OrganisationFactory
from tests.test_url_matrix import AREAS, MATRIX, OK, url_of

pytestmark = BROWSER

WIDTHS = (320, 1280)
HEIGHT = 800
PERSONAS = ("anonymous", "guide", "coordinator", "admin")
# Not portal pages: the newsletter's HTML email as a mail client gets it (its own layout for
# mail clients, with images from the portal's public address; tests/newsletters test it).
NOT_PAGES = {"previews:email"}

# The rightmost box that sticks out of the window, outside any box that scrolls on its own;
# in document order, so that a table is named before its rows and cells.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return {scrollWidth, innerWidth: width, widest: null};
  const scrolls = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(overflow)) return true;
    }
    return false;
  };
  let widest = null, right = width;
  const elements = [...document.body.querySelectorAll('*')].filter(el => !scrolls(el));
  for (const el of elements) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > right + 0.5) {
      widest = el;
      right = box.right;
    }
  }
  // No box sticks out, but its text may: a word longer than its box. The innermost box whose
  // content runs furthest is named.
  for (const el of widest ? [] : elements) {
    const box = el.getBoundingClientRect();
    const edge = box.left + el.scrollWidth;
    if (box.width > 0 && edge > width + 0.5 && edge >= right - 0.5) {
      widest = el;
      right = edge;
    }
  }
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('');
  return {
    scrollWidth,
    innerWidth: width,
    widest: widest && `${name(widest)} (right edge ${Math.round(right)} px: `
      + `"${(widest.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60)}")`,
  };
}"""


@pytest.fixture
def crawl(region, guide, admin_user, coordinator):
    """The pages each persona may open: URL names and URLs of the matrix rows answered OK."""
    objects = {"guide": guide, "region": region}
    for area in AREAS:
        objects.update(area.world(region, guide))
    # Content as long as the demo network's, where the factories' is short: a language the
    # guide's form offers to remove, a long organisation name and a long event title.
    GuideLanguage.objects.create(
        guide=guide, language=LanguageFactory(name="Serbokroatisch"), level=LanguageLevel.C1
    )
    OrganisationFactory(
        region=region,
        name="Türkischer-Schüler-Eltern Förderverein Migrantenorganisationen e.V.",
        listed_publicly=True,
    )
    EventFactory(
        region=region,
        is_public=True,
        title="Qualifizierungsveranstaltung für Arbeitsmarktlotsinnen",
    )
    users = {
        "anonymous": None,
        "guide": guide.user,
        "coordinator": coordinator,
        "admin": admin_user,
    }
    pages = {}
    for persona in PERSONAS:
        client = Client()
        if users[persona] is not None:
            client.force_login(users[persona])
        pages[persona] = []
        for name, row in sorted(MATRIX.items()):
            if row.get is None or row.get[persona] != OK or name in NOT_PAGES:
                continue
            url = url_of(name, objects)
            response = client.get(url)
            # Downloads and redirects (to a page the crawl visits anyway) are no pages here.
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                pages[persona].append((name, url))
    return users, pages


def test_no_page_scrolls_sideways(page, crawl, enter_as, axe_check):
    users, pages = crawl
    overflows, checked = [], 0
    for persona in PERSONAS:
        page.context.clear_cookies()
        if users[persona] is not None:
            enter_as(page, users[persona])
        for name, url in pages[persona]:
            page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
            page.goto(url)
            axe_check(page)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                found = page.evaluate(OVERFLOW)
                checked += 1
                if found["scrollWidth"] > found["innerWidth"]:
                    overflows.append(
                        f"{persona} {width} px {name} {url}: {found['scrollWidth']} px wide, "
                        f"widest: {found['widest']}"
                    )
    pages_checked = checked // len(WIDTHS)
    print(f"reflow: {checked} page views checked ({pages_checked} pages x {len(WIDTHS)} widths)")
    assert not overflows, "Pages wider than the window:\n" + "\n".join(overflows)
