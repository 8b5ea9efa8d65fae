"""Streamlit entry point: wires the pages; all logic lives in bctk_assist."""
import streamlit as st

from bctk_assist.ui import search_page

st.set_page_config(page_title="bctk-assist — Trợ lý báo cáo tổng kết", page_icon="📝", layout="wide")
search_page.render()
