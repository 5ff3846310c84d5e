"""A report saved in Latin-1, not UTF-8.

The report is kept here in UTF-8, since ruff reads every .md file of the
repository: tests/test_bad_input.py saves a copy of it in Latin-1 ("Aktaù"
on line 9 becomes the byte 0xF9) and builds that copy.
"""

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
