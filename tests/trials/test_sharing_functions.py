"""The pure sharing functions: reading short-list ids, mailto links, QR codes, JSON-LD."""

import json
from urllib.parse import parse_qs, urlsplit

from tests.qr import decode_pixels, rasterise_served_svg
from trials.page_sharing import (
    SHORTLIST_LIMIT,
    json_ld_script,
    mailto_link,
    qr_svg,
    read_shortlist_ids,
)


def test_shortlist_ids_are_upper_cased_and_split_on_commas_spaces_and_semicolons():
    asked = read_shortlist_ids(" nct00000001,NCT00000002  nct00000003;NIH-11159694 ")

    assert asked.ids == ["NCT00000001", "NCT00000002", "NCT00000003", "NIH-11159694"]
    assert asked.nih_application_ids() == [11159694]
    assert asked.not_ids == 0


def test_shortlist_ids_keep_the_first_of_each_repeat():
    assert read_shortlist_ids("NCT2,NCT1,nct2,NCT1").ids == ["NCT2", "NCT1"]


def test_shortlist_ids_beyond_the_limit_are_counted_not_kept():
    raw = ",".join(f"NCT{n:08d}" for n in range(SHORTLIST_LIMIT + 3))

    asked = read_shortlist_ids(raw)

    assert len(asked.ids) == SHORTLIST_LIMIT
    assert asked.over_limit == 3


def test_words_that_cannot_be_ids_are_counted_and_dropped():
    asked = read_shortlist_ids("<script>,NCT00000001,a'b,x," + "A" * 41)

    assert asked.ids == ["NCT00000001"]
    assert asked.not_ids == 4


def test_mailto_link_survives_every_awkward_character():
    subject = "Lupus & kidneys: 50% better? #1"
    body = "Look at this\n\nhttps://example.org/trials/list/?ids=NCT1,NCT2&x=1\n"

    link = mailto_link(subject=subject, body=body)

    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert parse_qs(parts.query, strict_parsing=True) == {"subject": [subject], "body": [body]}
    assert " " not in link and "\n" not in link and "+" not in link


def test_qr_svg_reads_back_as_the_address_it_was_given():
    url = "https://findatrial.example/trials/list/?ids=NCT02633163,NCT06737380"

    assert decode_pixels(*rasterise_served_svg(qr_svg(url, label="QR"))) == [url]


def test_qr_svg_label_is_escaped():
    assert 'aria-label="a &lt;b&gt; &quot;c&quot;"' in qr_svg(
        "https://x.example/", label='a <b> "c"'
    )


def test_json_ld_script_cannot_end_early_and_parses_back():
    data = {"name": "</script><!-- & -->", "identifier": "NCT1"}

    script = json_ld_script(data)

    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == data
