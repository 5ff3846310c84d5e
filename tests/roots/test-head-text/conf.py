"""Cited entries with BibTeX markup, an abstract, footnotes in a first paragraph."""

georeport_journal_title = "Test Journal of Eurasian Studies"
georeport_issn = "2532-845X"
georeport_publisher = "Test Press"
project = georeport_journal_title
extensions = ["georeport"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "georeport"
smartquotes = False
latex_engine = "xelatex"
