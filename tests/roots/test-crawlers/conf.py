"""A journal of several volumes and issues: what crawlers and archives read.

Reports dated to the year, the month and the day; two in one issue; one in
Italian; a title with markup characters. A LOCKSS permission statement, an
"About" page that lists no report.
"""

georeport_journal_title = "Test Journal of Eurasian Studies"
georeport_issn = "2532-845X"
georeport_publisher = "Test Press"
georeport_base_url = "https://journal.example.org/archive/"
georeport_rights = "© {year} Test Press"
georeport_lockss_permission = (
    "LOCKSS system has permission to collect, preserve, and serve this Archival Unit."
)
project = georeport_journal_title
extensions = ["georeport"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "georeport"
smartquotes = False
latex_engine = "xelatex"
html_theme = "furo"
