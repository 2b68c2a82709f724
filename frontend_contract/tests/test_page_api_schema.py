"""The real page API (`/api/v2/pages/`) answers what `frontend_contract/page-api.yaml` declares.

Pages of every headless type are built in the test, with every StreamField block type, and the
list, detail, `find/` and preview responses are validated against the document. A second set of
tests holds the page models to it: every `api_fields` entry and every block must be declared.
"""

import pytest
from wagtail.fields import StreamField

from cms_pages.headless.preview import preview_token_issue
from cms_pages.models import BasePage, HomePageFeaturedBarrel
from cms_pages.tests.factories import (
    build_barrel_index,
    build_barrel_page,
    build_contact,
    build_faq,
    build_home,
    build_standard,
    make_image,
)
from frontend_contract.page_api import component, page_api_document, schema_errors

BODY_BLOCKS = [
    ("heading", {"text": "Our story", "level": "h2"}),
    ("paragraph", "<p>Founded in <b>Bordeaux</b>.</p>"),
    ("image", {"image": None, "caption": "Our cooper"}),
    ("quote", {"quote": "A barrel remembers.", "attribution": "Jeanne, cooper"}),
    ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
]


def page_models() -> list[type[BasePage]]:
    """Every concrete page model served headless (the subclasses of BasePage)."""
    found, queue = [], list(BasePage.__subclasses__())
    while queue:
        model = queue.pop(0)
        queue.extend(model.__subclasses__())
        if not model._meta.abstract:
            found.append(model)
    return found


def body_blocks(image):
    return [
        (name, {**value, "image": image}) if name == "image" else (name, value)
        for name, value in BODY_BLOCKS
    ]


@pytest.fixture
def site_pages(db):
    """One live page of every type, every block and image filled, plus a draft of a new page."""
    image = make_image("Cellar", size=(400, 300))
    home = build_home(
        hero_image=image,
        social_image=image,
        highlights=[
            ("highlight", {"title": "Worldwide", "text": "40 countries.", "icon": "globe"})
        ],
    )
    index = build_barrel_index(home)
    barrel_page = build_barrel_page(
        index,
        listing_image=image,
        story=body_blocks(image),
        gallery=[("image", {"image": image, "caption": "The head"})],
    )
    home.featured_barrels = [HomePageFeaturedBarrel(barrel_page=barrel_page, sort_order=0)]
    home.save_revision().publish()
    standard = build_standard(home, body=body_blocks(image))
    contact = build_contact(home)
    faq = build_faq(
        home,
        [
            ("shipping", "Where do you ship?", "<p>To 40 countries.</p>"),
            ("b2b", "Do you invoice companies?", "<p>Yes, with VAT.</p>"),
        ],
    )
    draft = build_standard(home, slug="draft", title="Draft", publish=False, body=BODY_BLOCKS)
    return {
        "home": home,
        "index": index,
        "barrel": barrel_page,
        "standard": standard,
        "contact": contact,
        "faq": faq,
        "draft": draft,
    }


def get_valid(client, url: str, schema: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    errors = schema_errors(schema, body)
    assert not errors, f"GET {url} does not match {schema}:\n" + "\n".join(errors)
    return body


def test_every_page_type_detail_matches_its_schema(client, site_pages):
    seen = set()
    for page in site_pages.values():
        if not page.live:
            continue
        specific = f"{page.specific_class.__name__}Detail"
        body = get_valid(client, f"/api/v2/pages/{page.pk}/", "PageDetail")
        assert not schema_errors(specific, body)  # and exactly the schema of its own type
        seen.add(body["meta"]["type"])
    assert seen == set(component("PageType")["enum"])


def test_every_streamfield_block_type_is_served_and_matches(client, site_pages):
    served = set()
    for key in ("standard", "barrel", "home"):
        body = get_valid(client, f"/api/v2/pages/{site_pages[key].pk}/", "PageDetail")
        for field in ("body", "story", "highlights", "gallery"):
            served.update((field, block["type"]) for block in body.get(field, []))
    declared = {
        (field.name, name)
        for model in page_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
        for name in field.stream_block.child_blocks
    }
    assert declared <= served, f"blocks never served by the test pages: {declared - served}"


def test_list_and_typed_list_with_fields_match(client, site_pages):
    body = get_valid(client, "/api/v2/pages/", "PageList")
    assert body["meta"]["total_count"] == 6  # the draft is not listed
    typed = get_valid(client, "/api/v2/pages/?type=cms_pages.BarrelPage&fields=*", "PageList")
    (item,) = typed["items"]
    fields = {k: v for k, v in item.items() if k != "meta"}
    detail = component("BarrelPageDetail")["properties"]
    for name, value in fields.items():  # each listed field has the shape of the detail's
        assert name in detail, name
        errors = schema_errors("BarrelPageDetail", {**item_detail(client, item), name: value})
        assert not errors, errors


def item_detail(client, item) -> dict:
    return client.get(f"/api/v2/pages/{item['id']}/").json()


def test_find_by_storefront_path_matches_the_detail_schema(client, site_pages):
    barrel = site_pages["barrel"]
    body = get_valid(
        client, f"/api/v2/pages/find/?html_path=/barrels/{barrel.slug}/", "BarrelPageDetail"
    )
    assert body["id"] == barrel.pk


def test_preview_of_a_never_published_draft_matches_the_detail_schema(client, site_pages):
    draft = site_pages["draft"]
    token = preview_token_issue(page_id=draft.pk, revision_id=draft.latest_revision_id)
    body = get_valid(client, f"/api/v2/pages/{draft.pk}/preview/?token={token}", "PageDetail")
    assert body["meta"]["first_published_at"] is None
    assert [b["type"] for b in body["body"]] == [name for name, _ in BODY_BLOCKS]


def test_errors_match_the_problem_schema(client, site_pages):
    for url in ("/api/v2/pages/999999/", "/api/v2/pages/find/?html_path=/nowhere/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert not schema_errors("Problem", response.json())


def test_a_response_with_an_undeclared_field_fails_the_schema(client, site_pages):
    """The validation above can fail: a page detail allows no member it does not declare."""
    body = client.get(f"/api/v2/pages/{site_pages['faq'].pk}/").json()
    assert not schema_errors("FAQPageDetail", body)
    assert schema_errors("FAQPageDetail", {**body, "new_field": "x"})
    assert schema_errors("PageDetail", {**body, "new_field": "x"})


# --- the page models against the document --------------------------------------------------


@pytest.mark.parametrize("model", page_models(), ids=lambda m: m.__name__)
def test_every_api_field_of_the_page_model_is_in_the_schema(model):
    declared = component(f"{model.__name__}Detail")
    api_fields = {field.name for field in model.api_fields}
    properties = set(declared["properties"]) - {"id", "meta", "title"}
    assert properties == api_fields, (
        f"{model.__name__}.api_fields and {model.__name__}Detail in "
        "frontend_contract/page-api.yaml differ: describe the field there (and run make schema)."
    )
    assert set(declared["required"]) == set(declared["properties"])
    assert declared["properties"]["meta"]["properties"]["type"] == {"const": model._meta.label}


def test_every_page_model_is_a_page_type_of_the_schema():
    labels = {model._meta.label for model in page_models()}
    assert set(component("PageType")["enum"]) == labels
    refs = {one["$ref"].rsplit("/", 1)[1] for one in component("PageDetail")["oneOf"]}
    assert refs == {f"{model.__name__}Detail" for model in page_models()}


def block_consts(schema_name: str) -> set[str]:
    schema = component(schema_name)
    options = schema.get("oneOf", [{"$ref": f"#/components/schemas/{schema_name}"}])
    return {
        component(option["$ref"].rsplit("/", 1)[1])["properties"]["type"]["const"]
        for option in options
    }


@pytest.mark.parametrize("model", page_models(), ids=lambda m: m.__name__)
def test_every_block_of_every_streamfield_is_in_the_schema(model):
    detail = component(f"{model.__name__}Detail")["properties"]
    for field in model._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        item_ref = detail[field.name]["items"]["$ref"].rsplit("/", 1)[1]
        assert block_consts(item_ref) == set(field.stream_block.child_blocks), field.name


def test_the_document_is_openapi_3_1():
    assert page_api_document()["openapi"].startswith("3.1")
    assert set(page_api_document()["paths"]) == {
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/pages/find/",
        "/api/v2/pages/{id}/preview/",
    }
