"""A journal with DOIs: one written in front matter, one left to make (when a
test sets georeport_doi_prefix), an issue with none; and a Crossref depositor."""

georeport_journal_title = "Test Journal of Eurasian Studies"
georeport_issn = "2532-845X"
georeport_publisher = "Test Press"
georeport_base_url = "https://journal.example.org/"
georeport_crossref_depositor_name = "Test Press Production"
georeport_crossref_depositor_email = "doi@journal.example.org"
project = georeport_journal_title
extensions = ["georeport"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "georeport"
smartquotes = False
latex_engine = "xelatex"
