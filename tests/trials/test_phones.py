"""Reading registry phone numbers: our own examples of each rule."""

import pytest

from trials.phones import Phone, national_format, phone_country, read_phone, tel_uri


@pytest.mark.parametrize(
    ("number", "extension", "region", "expected"),
    [
        # As written, in the site's country.
        ("(843) 792-6043", "", "US", Phone("+18437926043")),
        ("01 42 49 97 42", "", "FR", Phone("+33142499742")),
        # No country known: our patients' own, the United States.
        ("843.792.6043", "", "", Phone("+18437926043")),
        # A country code typed into the extension box says where the number is.
        ("142499742", "+33", "", Phone("+33142499742")),
        ("77626000", "0047", "NO", Phone("+4777626000")),
        # The country code typed without "+" or "00".
        ("49 251 83 48165", "", "DE", Phone("+492518348165")),
        ("08613574171102", "08613574171102", "CN", Phone("+8613574171102")),
        ("（86）13903008091", "", "CN", Phone("+8613903008091")),
        # A number abroad, written with its own code, stays in its own country.
        ("+91 8554982236", "", "TT", Phone("+918554982236")),
        # Real extensions, wherever they were written.
        ("(615) 255-0068", "250", "US", Phone("+16152550068", "250")),
        ("617-555-0123 ext. 42", "", "US", Phone("+16175550123", "42")),
        ("+86-010-56865685-2074", "", "CN", Phone("+861056865685", "2074")),
        # Junk in the extension box is dropped, the number kept.
        ("86-10-63879735", "2015.12", "CN", Phone("+861063879735")),
        ("800-411-1222", "TTY dial 711", "US", Phone("+18004111222")),
        ("800-633-1610", "option 6", "US", Phone("+18006331610")),
        ("862984773951", "862984773951", "CN", Phone("+862984773951")),
    ],
)
def test_read_phone(number, extension, region, expected):
    assert read_phone(number, extension, region) == expected


@pytest.mark.parametrize(
    ("number", "region"),
    [
        ("338888888888", "FR"),  # too long for France, and not another country's either
        ("#86#13903008091", "CN"),  # a code, not a number
        ("TTY dial 711", "US"),
        ("1391008175", "CN"),  # a mobile number missing a digit
        ("", "US"),
    ],
)
def test_what_is_not_a_phone_number_is_not_read(number, region):
    assert read_phone(number, "", region) is None


def test_a_foreign_number_reading_must_land_in_the_expected_country():
    # Read without its "+", this would be a number in Malaysia, not Australia.
    assert read_phone("60730685264", "", "AU") is None


def test_tel_uri_is_rfc_3966():
    assert tel_uri("+33142499742") == "tel:+33142499742"
    assert tel_uri("+16152550068", "250") == "tel:+16152550068;ext=250"
    assert tel_uri("") == ""


def test_numbers_are_shown_as_their_country_writes_them_and_named_when_abroad():
    assert national_format("+33142499742") == "01 42 49 97 42"
    assert national_format("+18437926043") == "(843) 792-6043"
    assert phone_country("+33142499742") == "France"
    assert phone_country("+18437926043") == ""
    assert phone_country("+14163403315") == "Canada"
    assert phone_country("+33142499742", home_region="FR") == ""
