"""Registry phone numbers read once, with libphonenumber: E.164 to dial, a real extension or none.

Registries hold what coordinators typed: "142499742" with "+33" in the extension box,
"08613574171102", "(+84)902742732", "TTY dial 711". We read a number in the country of its
site (or of the study), accept it only if libphonenumber says it is a valid number there, and
keep an extension only if it is one (digits that are not the country code, a date or the number).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

from trials.countries import HOME_REGION, country_name

# Extensions are 1 to 6 digits (the longest real one we have seen has 5); longer is a copied
# number.
# "123", "ext. 123", "x123", "extension 123": the words around the digits of an extension.
_EXTENSION = re.compile(r"^(?:ext(?:ension)?\.?|x)?\s*(\d{1,6})$", re.I)


@dataclass(frozen=True)
class Phone:
    """A number we can dial: E.164 ("+33142499742") and an extension of digits, or ""."""

    e164: str
    extension: str = ""


@lru_cache(maxsize=4096)  # pages show the same few numbers again and again
def read_phone(number: str, extension: str = "", region: str = "") -> Phone | None:
    """The dialable number in `number` (and `extension`), read in `region`; None if it is not one.

    `region` is the ISO code of the country the number should belong to ("FR"); without one we
    read it as our patients' own country's. An "extension" that is a country code ("+33",
    "0047") says which country the number is in.
    """
    text = unicodedata.normalize("NFKC", number).strip()
    extension = unicodedata.normalize("NFKC", extension).strip()
    code = _COUNTRY_CODE.match(extension)
    if code:
        region = phonenumbers.region_code_for_country_code(int(code[1])) or region
        extension = ""
    written_extension = _WRITTEN_EXTENSION.search(text)
    if written_extension:
        text = text[: written_extension.start()]
        extension = extension or written_extension[1]
    if not text or _NOT_A_NUMBER.search(text):
        return None
    parsed = _parse(text, region or HOME_REGION)
    if parsed is None:
        # "+8620-81887233-35934": a switchboard number, a dash, then the extension.
        trailing = _TRAILING_EXTENSION.match(text)
        if trailing is None or extension:
            return None
        text, extension = trailing[1], trailing[2]
        parsed = _parse(text, region or HOME_REGION)
        if parsed is None:
            return None
    e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
    return Phone(e164=e164, extension=_real_extension(extension, parsed))


# "+33", "0047": a country calling code typed into the extension box.
_COUNTRY_CODE = re.compile(r"^(?:\+|00)\s*(\d{1,3})$")
# "617-555-1212 ext. 123", "x123" at the end of the number itself.
_WRITTEN_EXTENSION = re.compile(r"\s*(?:ext(?:ension)?\.?|x)\s*(\d{1,6})\s*$", re.I)
_TRAILING_EXTENSION = re.compile(r"^(.*\d)\s*-\s*(\d{2,6})$")
# Letters ("TTY dial 711", "see website") or codes ("#86#…") are not a phone number.
_NOT_A_NUMBER = re.compile(r"[^\d\s()+\-./]")


def _parse(text: str, region: str) -> PhoneNumber | None:
    """The valid number `text` means in `region`, or None.

    Coordinators often type the country code without "+" or "00" ("49 251 83 48165",
    "08613574171102"): when the digits start with the country's code, that reading is tried
    first, and it only counts if it lands in the same country.
    """
    country_code = str(phonenumbers.country_code_for_region(region))
    digits = re.sub(r"\D", "", text)
    international = "+" + digits.lstrip("0")
    readings = [text]
    if not text.startswith("+") and international[1:].startswith(country_code):
        readings = [international, text] if not text.startswith("0") else [text, international]
    for reading in readings:
        try:
            parsed = phonenumbers.parse(reading, region)
        except NumberParseException:
            continue
        if not phonenumbers.is_valid_number(parsed):
            continue
        if reading is international and phonenumbers.region_code_for_number(parsed) != region:
            continue
        return parsed
    return None


def _real_extension(extension: str, parsed: PhoneNumber) -> str:
    """Digits of a real extension; "" for a country code, a date, a copy of the number, words."""
    text = unicodedata.normalize("NFKC", extension).strip()
    match = _EXTENSION.match(text)
    if not match:
        return ""
    digits = match[1]
    country_code = str(parsed.country_code)
    national = str(parsed.national_number)
    if digits.lstrip("0") == country_code or digits in national or national in digits:
        return ""
    return digits


def tel_uri(e164: str, extension: str = "") -> str:
    """RFC 3966: "tel:+33142499742", "tel:+16152550068;ext=250"."""
    if not e164:
        return ""
    return f"tel:{e164};ext={extension}" if extension else f"tel:{e164}"


@lru_cache(maxsize=4096)
def national_format(e164: str) -> str:
    """How people in the number's own country write it: "01 42 49 97 42", "(615) 255-0068"."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)


def phone_country(e164: str, home_region: str = HOME_REGION) -> str:
    """The country of a number that is not in `home_region` ("France"), else ""."""
    region = _region(e164)
    return country_name(region) if region and region != home_region else ""


@lru_cache(maxsize=4096)
def _region(e164: str) -> str:
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None)) or ""
    except NumberParseException:
        return ""
