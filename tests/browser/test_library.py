"""The document library in the browser: a guide signs in, finds minutes by a word that stands
only inside the PDF, and downloads them — axe on every page, at phone width."""

from django.urls import reverse
from playwright.sync_api import expect
from weasyprint import HTML

from lotsen.documents.services import create_document
from lotsen.models import Document, DocumentAudience, DocumentCategory
from tests.browser.conftest import BROWSER, label, main_navigation
from tests.factories import GuideFactory, UserFactory

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}


def fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"


def minutes(region, coordinator) -> Document:
    pdf = HTML(
        string="<html lang='de'><body><p>Vereinbart wurde eine Kooperationsvereinbarung "
        "mit der Anerkennungsberatung.</p></body></html>"
    ).write_pdf()
    document = Document(
        title="Protokoll Netzwerktreffen",
        category=DocumentCategory.MINUTES,
        region=region,
        audience=DocumentAudience.MEMBERS,
    )
    create_document(document=document, data=pdf, filename="protokoll.pdf", user=coordinator)
    other = Document(title="Flyer", category=DocumentCategory.FLYER, region=region)
    flyer = HTML(string="<p>Willkommen</p>").write_pdf()
    create_document(document=other, data=flyer, filename="flyer.pdf", user=coordinator)
    return document


def test_guide_finds_minutes_by_a_word_inside_the_pdf_and_downloads_them(
    page, region, coordinator, log_in, axe_check
):
    minutes(region, coordinator)
    guide = GuideFactory(region=region, user=UserFactory(email="lesend@example.org", verified=True))
    page.set_viewport_size(PHONE)
    log_in(page, guide.user)
    assert page.url.endswith(reverse("members:start"))  # where a guide lands after login
    axe_check(page)
    main_navigation(page).get_by_role("link", name="Dokumente", exact=True).click()
    axe_check(page)
    fits_the_screen(page)

    page.get_by_label(label("Suche")).fill("Kooperationsvereinbarung")
    page.get_by_role("button", name="Filter anwenden").click()
    axe_check(page)
    fits_the_screen(page)
    expect(page.get_by_role("link", name="Protokoll Netzwerktreffen", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Flyer", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Protokoll Netzwerktreffen", exact=True).click()
    axe_check(page)
    fits_the_screen(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="protokoll.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "protokoll.pdf"
    with open(download.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
