"""Reading QR codes back in tests: from the SVG we serve, or from pixels a browser drew."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"


def decode_pixels(grey: bytes, width: int, height: int) -> list[str]:
    """Every QR code zxing-cpp finds in a greyscale image (one byte a pixel, rows in order)."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes QR codes")
    image = memoryview(grey).cast("B", (height, width))
    return [code.text for code in zxingcpp.read_barcodes(image)]


def rasterise_served_svg(svg: str, scale: int = 8) -> tuple[bytes, int, int]:
    """Draw the dark path of an SVG QR code as we serve it, `scale` pixels a module.

    Reads the markup itself (viewBox and path), not the library's matrix, so a mistake in
    what we send (a cut path, a wrong viewBox, a missing quiet zone) shows up as a failed read.
    """
    root = ET.fromstring(
        svg if "xmlns" in svg else svg.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
    )
    _x, _y, width, height = (int(float(n)) for n in root.attrib["viewBox"].split())
    pixels = bytearray([255]) * (width * scale * height * scale)
    dark = [p for p in root.iter(f"{SVG}path") if p.attrib.get("stroke") not in (None, "#fff")]
    assert dark, "the SVG has no dark path"
    x = y = 0.0
    for command, *numbers in re.findall(
        r"([MmHh])\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+))?", dark[0].attrib["d"]
    ):
        if command == "M":
            x, y = float(numbers[0]), float(numbers[1])
        elif command == "m":
            x, y = x + float(numbers[0]), y + float(numbers[1])
        elif command in "hH":
            end = x + float(numbers[0]) if command == "h" else float(numbers[0])
            row = int(y)  # a stroke one module wide, centred on y
            for module in range(int(min(x, end)), int(max(x, end))):
                for dy in range(scale):
                    start = ((row * scale + dy) * width + module) * scale
                    pixels[start : start + scale] = b"\x00" * scale
            x = end
    return bytes(pixels), width * scale, height * scale


def served_qr_codes(html: str) -> list[str]:
    """The inline <svg class="qr"> elements of a page, as served."""
    return [
        "<svg " + chunk.split("</svg>", 1)[0] + "</svg>"
        for chunk in html.split("<svg ")[1:]
        if 'class="qr"' in chunk.split(">", 1)[0]
    ]
