"""A journal of three volumes, four issues, nine reports (test_journal_pages.py).

Publication order is not file-name order: volume 10 sorts between 1 and 2 by
name, and within an issue ``order:`` comes before titles.
"""

georeport_journal_title = "Journal of Steppe Studies"
georeport_issn = "1234-5679"
georeport_publisher = "Steppe Press"
georeport_description = "Reports on the water, borders & energy of the steppe."
georeport_logo = "logo.svg"
georeport_base_url = "https://steppe.example.org/journal/"
project = georeport_journal_title
extensions = ["georeport"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "georeport"
smartquotes = False
latex_engine = "xelatex"
html_theme = "furo"
