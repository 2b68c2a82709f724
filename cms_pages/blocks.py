"""StreamField blocks of the CMS pages, each with the API shape the storefront renders."""

from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cms_pages.renditions import BODY_SPEC, GALLERY_SPEC, rendition_data
from cms_pages.rich_text import BODY_FEATURES, render_safe_html


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text limited to the storefront's features; the API returns sanitised HTML."""

    def __init__(self, features=None, **kwargs):
        super().__init__(features=features or BODY_FEATURES, **kwargs)

    def get_api_representation(self, value, context=None):
        return render_safe_html(value.source if value else "", features=self.features)


class RenditionImageBlock(ImageChooserBlock):
    """An image chooser whose API value is a rendition (URL, width, height, alt), not an id."""

    def __init__(self, spec: str = BODY_SPEC, **kwargs):
        self.spec = spec
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return rendition_data(value, self.spec)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, args, {**kwargs, "spec": self.spec}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"


class CaptionedImageBlock(blocks.StructBlock):
    image = RenditionImageBlock(spec=BODY_SPEC)
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"


# Video hosts the storefront embeds (privacy-friendly player URLs are built from the id).
EMBED_PROVIDERS = {
    "youtube.com": "youtube",
    "www.youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "www.vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}


def parse_video_url(url: str) -> tuple[str, str] | None:
    """(provider, video id) of a YouTube or Vimeo URL, or None for anything else."""
    parts = urlsplit(url)
    provider = EMBED_PROVIDERS.get((parts.hostname or "").lower())
    if parts.scheme != "https" or provider is None:
        return None
    segments = [s for s in parts.path.split("/") if s]
    video_id = None
    if provider == "youtube":
        if parts.hostname == "youtu.be" and segments:
            video_id = segments[0]
        elif segments[:1] == ["watch"] or not segments:
            video_id = (parse_qs(parts.query).get("v") or [None])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
    elif segments and segments[-1].isdigit():
        video_id = segments[-1]
    if not video_id or not video_id.replace("-", "").replace("_", "").isalnum():
        return None
    return provider, video_id


class VideoEmbedBlock(blocks.URLBlock):
    """An embed limited to YouTube and Vimeo.

    The API never returns provider HTML: it gives the provider, the video id and a player URL
    the storefront puts in its own sandboxed iframe.
    """

    def clean(self, value):
        value = super().clean(value)
        if value and parse_video_url(value) is None:
            raise ValidationError("Only https YouTube and Vimeo video links can be embedded.")
        return value

    def get_api_representation(self, value, context=None):
        parsed = parse_video_url(value or "")
        if parsed is None:
            return None
        provider, video_id = parsed
        player = (
            f"https://www.youtube-nocookie.com/embed/{video_id}"
            if provider == "youtube"
            else f"https://player.vimeo.com/video/{video_id}"
        )
        return {"url": value, "provider": provider, "video_id": video_id, "player_url": player}

    class Meta:
        icon = "media"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = SafeRichTextBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()


class HighlightBlock(blocks.StructBlock):
    """A short selling point on the home page (e.g. "Shipped to 40 countries")."""

    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(max_length=300)
    icon = blocks.ChoiceBlock(
        choices=[
            ("barrel", "Barrel"),
            ("globe", "Globe"),
            ("truck", "Truck"),
            ("shield", "Shield"),
            ("handshake", "Handshake"),
        ],
        default="barrel",
    )

    class Meta:
        icon = "pick"


class GalleryImageBlock(blocks.StructBlock):
    image = RenditionImageBlock(spec=GALLERY_SPEC)
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
