"""`streamlit run app.py` from the project folder: the app itself is bctk_assist/app.py (`bctk serve`)."""
from bctk_assist.app import main

main()
