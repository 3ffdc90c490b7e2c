"""Static files as production serves them: whitenoise's compressed copies under hashed names,
each name's address worked out once per process."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Names kept: our templates ask for a handful, all written in them.
MOST_NAMES = 1000


class StaticFiles(CompressedManifestStaticFilesStorage):
    """The manifest of hashed names is read when a process starts and stays the same while it
    runs, so an address does too. Working one out (split, clean, look up, join) took about
    30 µs, and every page asks for four to six."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = super().url(name)
            if len(self._urls) < MOST_NAMES:
                self._urls[name] = found
        return found
