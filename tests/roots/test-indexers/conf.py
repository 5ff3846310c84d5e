"""What indexers and archives read (issue 28): a journal with a licence, DOIs
and a depositor; a report with ROR IDs, funding, an abstract, a figure, a
table, a list and footnotes citing sources of several kinds; its PDF (a
stand-in: no TeX) in pdf/, to be linked and put beside the page."""

georeport_journal_title = "Test Journal of Eurasian Studies"
georeport_issn = "2532-845X"
georeport_publisher = "Test Press"
georeport_base_url = "https://journal.example.org/"
georeport_rights = "© {year} Test Press"
georeport_license = "CC-BY-4.0"
georeport_doi_prefix = "10.55555"
georeport_pdf_dir = "pdf"
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
exclude_patterns = ["pdf"]
