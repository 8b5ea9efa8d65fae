"""Autosave of the draft editor: a small browser-side listener that sends what is typed in a text area
to the server after a pause in typing, so the page can keep it as the section's working copy.

Streamlit's text area only hands its value to Python when it loses focus or on Ctrl+Enter; text typed
and never committed would be lost on a reload. The listener (a `st.components.v2` component with no
visible part) watches the text area by its label, waits until typing pauses, and sets its state;
the caller runs it inside a fragment, so that state change reruns only the fragment, never the page
(the text area itself is not redrawn while she types).
"""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

DELAY_MS = 1200  # a pause in typing this long sends the text (one working-copy write, no version)

# One listener per page, installed once; each render only swaps in the current section, version and
# state setter, so a rerun never loses a pending save. Leaving the page flushes what is pending.
_JS = """
export default function (component) {
  const hub = (window.__bctkAutosave = window.__bctkAutosave || { timer: null, pending: null });
  hub.data = component.data;
  hub.set = component.setStateValue;
  const flush = () => {
    if (hub.timer !== null) { clearTimeout(hub.timer); hub.timer = null; }
    if (hub.pending !== null && hub.set) {
      const payload = hub.pending;
      hub.pending = null;
      hub.set("typed", payload);
    }
  };
  if (!hub.installed) {
    hub.installed = true;
    document.addEventListener("input", (event) => {
      const el = event.target;
      const d = hub.data;
      if (!(el instanceof HTMLTextAreaElement) || el.getAttribute("aria-label") !== d.label) return;
      hub.pending = { sid: d.sid, version: d.version, seen: d.seen, text: el.value };
      if (hub.timer !== null) clearTimeout(hub.timer);
      hub.timer = setTimeout(flush, d.delay);
    }, true);
    window.addEventListener("pagehide", flush);
  }
  const mine = component.setStateValue;
  return () => { if (hub.set === mine) { flush(); hub.set = null; } };
}
"""

_listener = st.components.v2.component("bctk_autosave", js=_JS)


def typed(key: str) -> dict | None:
    """The last payload the listener sent ({"sid", "version", "seen", "text"}), if any."""
    state = st.session_state.get(key)
    value = getattr(state, "typed", None) if state is not None else None
    if value is None and isinstance(state, dict):
        value = state.get("typed")
    return value if isinstance(value, dict) and isinstance(value.get("text"), str) else None


def listen(key: str, *, label: str, sid: str, version: int, seen: int, on_typed: Callable[[], None]) -> None:
    """Mount the listener for the text area labelled `label`; `on_typed` runs when text arrives."""
    _listener(key=key, data={"label": label, "sid": sid, "version": version, "seen": seen, "delay": DELAY_MS},
              default={"typed": None}, on_typed_change=on_typed, height=0)
