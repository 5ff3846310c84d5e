"""pybtex only: the journal's house style, its formatting cache, BibTeX checks.

Nothing here imports Sphinx: the style is a pybtex plugin (entry point
``georeport`` in ``pybtex.style.formatting``) that any pybtex user can load.
"""
