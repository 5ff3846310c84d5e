"""Sphinx configuration of the Geopolitical Report.

Journal-wide facts only: everything about one report lives in its front
matter under ``reports/``. The ``georeport_*`` values are documented in
``guide/configuration.md``.
"""

# -- The journal --------------------------------------------------------------
georeport_journal_title = "Geopolitical Report"
georeport_issn = "2785-2598"
georeport_publisher = "SpecialEurasia"
georeport_base_url = "https://www.specialeurasia.com/geopolitical-report/"
georeport_rights = "© {year} SpecialEurasia"
georeport_description = (
    "The Geopolitical Report is a SpecialEurasia journal. Each report is "
    "published as a web page, a PDF edition and an EPUB edition."
)

project = georeport_journal_title
author = georeport_publisher
copyright = georeport_publisher
language = "en"

# -- Extensions ---------------------------------------------------------------
extensions = ["georeport"]  # brings myst_parser and sphinxcontrib.bibtex

myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True  # a report's title lives in its front matter

bibtex_bibfiles = ["../references.bib"]
bibtex_default_style = "georeport"  # the house style, src/georeport/bib/style.py
bibtex_reference_style = "author_year"

# The author's words as written: no straight-to-curly quote rewriting.
smartquotes = False

exclude_patterns = ["_build"]
templates_path = ["_templates"]

# -- HTML edition -------------------------------------------------------------
html_theme = "furo"
html_title = georeport_journal_title
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# -- PDF edition --------------------------------------------------------------
latex_engine = "xelatex"
latex_elements = {"papersize": "a4paper", "pointsize": "11pt"}
