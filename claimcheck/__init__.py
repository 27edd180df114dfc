"""claimcheck: curated claims-versus-evidence data, its validator, and chart builders.

Pure Python: nothing in this package imports streamlit, and nothing names the
topic of the bundled data, which lives in ``data/``.
"""

__version__ = "0.1.0"
