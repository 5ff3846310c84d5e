"""A journal as a reader meets it (test_reader_face.py): three volumes, a
report with everything its front matter may say (authors with affiliations
and ORCID iDs, the dates of its history, DOI, keywords, abstract, cover, a
figure and a table), others with less. The licence is set by the tests
(``confoverrides``), as docs/conf.py sets none."""

georeport_journal_title = "Journal of Caspian Affairs"
georeport_issn = "2785-2598"
georeport_publisher = "Caspian Press"
georeport_description = (
    "A journal of the politics, energy & trade of the Caspian basin, "
    "published each quarter."
)
georeport_logo = "logo.svg"
georeport_base_url = "https://caspian.example.org/journal/"
georeport_rights = "© {year} Caspian Press"
georeport_doi_prefix = "10.12345"
project = georeport_journal_title
extensions = ["georeport"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "georeport"
smartquotes = False
latex_engine = "xelatex"
html_theme = "furo"
