"""Script or pasted HTML in rich text never reaches the API unescaped, whatever its path."""

import pytest

from cms_pages.models import FAQItem
from cms_pages.tests.factories import (
    build_barrel_index,
    build_barrel_page,
    build_contact,
    build_faq,
    build_standard,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Hello <script>alert("x")</script><b>bold</b>'
    '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)">link</a>'
    '<iframe src="https://evil.example"></iframe><scr<script>ipt>alert(3)</script>'
    '<span style="color:red" onclick="alert(4)">span</span></p>'
)


def assert_safe(html: str):
    lowered = html.lower()
    for needle in ("<script", "<img", "<iframe", "javascript:", "onerror", "onclick", "style="):
        assert needle not in lowered, f"{needle!r} in {html!r}"
    assert "<b>bold</b>" in html  # allowed formatting survives


@pytest.mark.parametrize("query", ["", "?rich_text_format=db_html"])
def test_script_in_every_rich_text_field_comes_back_escaped(client, cms_home, query):
    about = build_standard(cms_home, body=[("paragraph", HOSTILE)])
    contact = build_contact(cms_home, intro=HOSTILE)
    faq = build_faq(cms_home, [("shipping", "Question?", HOSTILE)])
    index = build_barrel_index(cms_home)
    barrel_page = build_barrel_page(
        index,
        provenance=HOSTILE,
        tasting_notes=HOSTILE,
        use_notes=HOSTILE,
        story=[("paragraph", HOSTILE)],
    )

    about_json = client.get(f"/api/v2/pages/{about.pk}/{query}").json()
    assert_safe(about_json["body"][0]["value"])
    assert_safe(client.get(f"/api/v2/pages/{contact.pk}/{query}").json()["intro"])
    faq_json = client.get(f"/api/v2/pages/{faq.pk}/{query}").json()
    assert_safe(faq_json["categories"][0]["items"][0]["answer"])
    barrel_json = client.get(f"/api/v2/pages/{barrel_page.pk}/{query}").json()
    for field in ("provenance", "tasting_notes", "use_notes"):
        assert_safe(barrel_json[field])
    assert_safe(barrel_json["story"][0]["value"])


def test_script_text_is_escaped_not_executed(client, cms_home):
    faq = build_faq(cms_home, [("payment", "Q", '<p>x<script>alert("x")</script></p>')])
    answer = client.get(f"/api/v2/pages/{faq.pk}/").json()["categories"][0]["items"][0]["answer"]
    assert answer == "<p>xalert(&quot;x&quot;)</p>"
    FAQItem.objects.filter(page=faq).update(answer="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    faq.save_revision().publish()
    answer = client.get(f"/api/v2/pages/{faq.pk}/").json()["categories"][0]["items"][0]["answer"]
    assert "<script" not in answer


def test_embeds_only_accept_known_video_hosts(cms_home):
    from django.core.exceptions import ValidationError

    from cms_pages.blocks import VideoEmbedBlock

    block = VideoEmbedBlock()
    assert block.clean("https://vimeo.com/76979871") == "https://vimeo.com/76979871"
    for url in (
        "https://evil.example/watch?v=x",
        "http://www.youtube.com/watch?v=abc",
        "javascript:alert(1)",
    ):
        with pytest.raises(ValidationError):
            block.clean(url)
