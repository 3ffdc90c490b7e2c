"""Sessions: a patient's answers in an encrypted cookie, a signed-in staff member's in the database.

One session engine, two homes, chosen by what the session holds:

- A patient's session (the questionnaire's answers) is encrypted with a key derived from
  SECRET_KEY (Fernet: AES-128-CBC and HMAC-SHA256) and lives only in their cookie: the server
  stores nothing about them, and nobody holding the cookie can read it without our key. Its
  timestamp is checked on every read, so it dies after SESSION_COOKIE_AGE of idleness even if a
  browser keeps the cookie.
- Once someone signs in (the session holds a user id), the session moves to the database and
  the cookie carries only `staff.<random key>`: logging out deletes the row, so a copied cookie
  stops working, and `clearsessions` removes expired rows.
"""

from __future__ import annotations

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.contrib.auth import SESSION_KEY as USER_ID_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

STAFF_PREFIX = "staff."


@cache
def _fernet(secret_keys: tuple[str, ...]) -> MultiFernet:
    """Encrypt with a key derived from SECRET_KEY; decrypt with it or any of its fallbacks."""
    return MultiFernet([Fernet(_derive(secret)) for secret in secret_keys])


def _derive(secret: str) -> bytes:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"findatrial.sessions", info=b"answers"
    ).derive(secret.encode())
    return base64.urlsafe_b64encode(key)


def cookie_cipher() -> MultiFernet:
    return _fernet((settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS))


class SessionStore(SessionBase):
    def load(self) -> dict:
        key = self.session_key or ""
        if key.startswith(STAFF_PREFIX):
            stored = DatabaseStore(key.removeprefix(STAFF_PREFIX))
            data = stored.load()
            if stored.session_key is None:  # expired or logged out: start afresh
                self._session_key = None
            return data
        try:
            plain = cookie_cipher().decrypt(key.encode(), ttl=self.get_session_cookie_age())
            return self.serializer().loads(plain)
        except (InvalidToken, ValueError):
            # Tampered, written with another key, or idle too long: a fresh, empty session.
            self.create()
            return {}

    def create(self) -> None:
        self._session_key = None
        self.modified = True

    def save(self, must_create: bool = False) -> None:
        data = self._get_session(no_load=must_create)
        old_key = self.session_key or ""
        if USER_ID_KEY in data:
            stored = DatabaseStore(
                old_key.removeprefix(STAFF_PREFIX) if old_key.startswith(STAFF_PREFIX) else None
            )
            stored._session_cache = data
            if stored.session_key is None:
                stored.create()
            else:
                stored.save()
            self._session_key = STAFF_PREFIX + stored.session_key
        else:
            if old_key.startswith(STAFF_PREFIX):
                self.delete(old_key)
            self._session_key = cookie_cipher().encrypt(self.serializer().dumps(data)).decode()
        self.modified = True

    def exists(self, session_key: str) -> bool:
        if session_key.startswith(STAFF_PREFIX):
            return DatabaseStore().exists(session_key.removeprefix(STAFF_PREFIX))
        return False

    def delete(self, session_key: str | None = None) -> None:
        key = session_key or self.session_key or ""
        if key.startswith(STAFF_PREFIX):
            DatabaseStore().delete(key.removeprefix(STAFF_PREFIX))
        if session_key is None:
            self._session_key = None
            self._session_cache = {}
            self.modified = True

    def cycle_key(self) -> None:
        """New key, same data (at sign-in): the old database row, if any, is deleted."""
        data = self._session
        old_key = self.session_key
        self.create()
        self._session_cache = data
        if old_key:
            self.delete(old_key)

    @classmethod
    def clear_expired(cls) -> None:
        DatabaseStore.clear_expired()
