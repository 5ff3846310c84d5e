"""Sources in every script of the region (test_scripts.py).

One English report cites a source in each script and language the journal
meets, and quotes a few words of each in its text; one report is written in
Arabic, right to left.
"""

georeport_journal_title = "Journal of Eurasian Scripts"
georeport_issn = "2785-2598"
georeport_publisher = "Eurasia Press"
georeport_base_url = "https://scripts.example.org/"
project = georeport_journal_title
language = "en"
extensions = ["georeport"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "georeport"
smartquotes = False
latex_engine = "xelatex"
html_theme = "furo"
