#!/usr/bin/env bash
# The package as a user installs it: `pip install .` (not editable) into a fresh venv, then `bctk outline`,
# `bctk draft P1.II.2` and `bctk serve` run from a folder outside the source tree (prompts, corpus and the
# app are package data). Quiet: prints one line, or the failing step's output.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
TMP="$(mktemp -d)"
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "check_install: $1" >&2; [ -f "$2" ] && tail -n 40 "$2" >&2; exit 1; }

"$PYTHON" -m venv "$TMP/venv"
BIN="$TMP/venv/bin"
# Built from a copy: a build in the checkout leaves build/ behind, whose stale files later wheels pick up.
mkdir "$TMP/src"
tar -C "$SRC" --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./bctk-data --exclude='*.egg-info' \
  --exclude=./bench/out --exclude=__pycache__ -cf - . | tar -C "$TMP/src" -xf -
"$BIN/pip" install -q --disable-pip-version-check -c "$SRC/constraints.txt" "$TMP/src" > "$TMP/pip.log" 2>&1 \
  || fail "pip install . failed" "$TMP/pip.log"
rm -rf "$TMP/src"

mkdir "$TMP/elsewhere" && cd "$TMP/elsewhere"
export BCTK_HOME="$TMP/home"
env -u PYTHONPATH "$BIN/bctk" outline --json > "$TMP/outline.json" 2> "$TMP/outline.err" \
  || fail "bctk outline failed" "$TMP/outline.err"
"$BIN/python" -c "import json,sys; d=json.load(open(sys.argv[1])); assert any(s['id']=='P1.II.2' for s in d)" \
  "$TMP/outline.json" || fail "bctk outline: no section P1.II.2" "$TMP/outline.json"
env -u PYTHONPATH "$BIN/bctk" draft P1.II.2 --json > "$TMP/draft.json" 2> "$TMP/draft.err" \
  || fail "bctk draft P1.II.2 failed" "$TMP/draft.err"
"$BIN/python" -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['text'].strip() and d['citations']" \
  "$TMP/draft.json" || fail "bctk draft P1.II.2: no text or no citation" "$TMP/draft.json"

PORT="$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
env -u PYTHONPATH "$BIN/bctk" serve --port "$PORT" > "$TMP/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do
  if "$BIN/python" - "$PORT" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
port = sys.argv[1]
assert urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=1).read() == b"ok"
assert b"<html" in urllib.request.urlopen(f"http://localhost:{port}/", timeout=2).read().lower()
PY
  kill -0 "$SERVER" 2>/dev/null || fail "bctk serve exited" "$TMP/serve.log"
  sleep 0.5
done
"$BIN/python" -c "import urllib.request,sys; urllib.request.urlopen(f'http://localhost:{sys.argv[1]}/_stcore/health', timeout=1)" \
  "$PORT" 2>/dev/null || fail "bctk serve did not answer on localhost:$PORT within 60 s" "$TMP/serve.log"
# The page script itself, from the installed package (AppTest runs it in this process; fake embeddings: quick).
BCTK_EMBEDDINGS=fake "$BIN/python" - > "$TMP/apptest.log" 2>&1 <<'PY' || fail "the installed app page failed" "$TMP/apptest.log"
from streamlit.testing.v1 import AppTest
from bctk_assist.settings import APP_FILE
at = AppTest.from_file(str(APP_FILE), default_timeout=120).run()
assert not at.exception, [e.value for e in at.exception]
PY
echo "check_install: pip install . in a fresh venv; bctk outline, draft P1.II.2 and serve work from another folder"
