"""A tiny inline SVG bar chart for the admin dashboard (no JavaScript, no CDN)."""

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def svg_bar_chart(
    points: list[tuple[str, Decimal | int]],
    *,
    width: int = 640,
    height: int = 180,
    title: str = "",
) -> SafeString:
    """Bars for `points` (label, value); labels of the first, middle and last bar underneath."""
    pad_left, pad_bottom, pad_top = 56, 22, 10
    plot_w, plot_h = width - pad_left - 8, height - pad_bottom - pad_top
    top = max((float(v) for _label, v in points), default=0.0) or 1.0
    n = max(len(points), 1)
    slot = plot_w / n
    bar_w = max(slot * 0.8, 1.0)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" '
            'viewBox="0 0 {} {}" width="100%" class="vwb-chart">',
            title,
            width,
            height,
        ),
        format_html("<title>{}</title>", title),
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-width="1"/>',
            pad_left,
            pad_top + plot_h,
            width - 8,
            pad_top + plot_h,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>',
            pad_left - 4,
            pad_top + 10,
            f"{top:,.0f}",
        ),
        format_html(
            '<text x="{}" y="{}" font-size="11" text-anchor="end">0</text>',
            pad_left - 4,
            pad_top + plot_h,
        ),
    ]
    label_at = {0, n // 2, n - 1}
    for i, (label, value) in enumerate(points):
        h = plot_h * float(value) / top
        x = pad_left + i * slot + (slot - bar_w) / 2
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#2e6b8a">'
                "<title>{}: {}</title></rect>",
                f"{x:.1f}",
                f"{pad_top + plot_h - h:.1f}",
                f"{bar_w:.1f}",
                f"{h:.1f}",
                label,
                value,
            )
        )
        if i in label_at:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
                    f"{x + bar_w / 2:.1f}",
                    height - 6,
                    label,
                )
            )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - parts are escaped above
