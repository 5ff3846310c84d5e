"""Reports in three languages (test_report_languages.py).

The journal is English (``language``); one report is Italian and translates
an English one, one is Russian. Each cites sources in English, Italian and
Russian, so that every report has sources in its own language and in others.
"""

georeport_journal_title = "Journal of Caspian Studies"
georeport_issn = "2785-2598"
georeport_publisher = "Caspian Press"
georeport_base_url = "https://caspian.example.org/"
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
