"""The Streamlit edge of the dashboard: cached loaders, the shared frame and widgets.

This is the only non-page code that imports streamlit; everything it shows is
computed by the ``claimcheck`` package.
"""
