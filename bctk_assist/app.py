"""Streamlit entry point: wires the pages; all logic lives in bctk_assist.

`bctk serve` runs this file; the project folder's app.py calls `main()` for `streamlit run app.py`.
"""
import streamlit as st

from bctk_assist.ui import ask_page, common, compose_page, documents_page, export_page, settings_page


def main() -> None:
    st.set_option("client.toolbarMode", "viewer")  # no "Deploy" / developer menu for office users
    st.set_page_config(page_title="bctk-assist — Trợ lý báo cáo tổng kết", page_icon=":material/edit_note:",
                       layout="wide")
    common.inject_css()
    common.ensure_seeded()
    page = st.navigation([
        st.Page(compose_page.render, title="Soạn thảo", icon=":material/edit_document:", url_path="soan-thao",
                default=True),
        st.Page(documents_page.render, title="Tài liệu", icon=":material/folder_open:", url_path="tai-lieu"),
        st.Page(ask_page.render, title="Hỏi đáp", icon=":material/forum:", url_path="hoi-dap"),
        st.Page(export_page.render, title="Xuất báo cáo", icon=":material/description:",
                url_path="xuat-bao-cao"),
        st.Page(settings_page.render, title="Cài đặt", icon=":material/settings:", url_path="cai-dat"),
    ], position="top")
    page.run()


if __name__ == "__main__":  # `streamlit run` executes the file as __main__ on every rerun
    main()
