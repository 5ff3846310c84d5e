"""What runs around sphinx-build: the editions, typesetting, fingerprints.

:mod:`.editions` is the one code path of nox, the tests and users
(``python -m georeport.build``); :mod:`.sphinx_run` runs Sphinx in this
process, quietly; :mod:`.typeset` runs latexmk on each report;
:mod:`.fingerprint` decides what is up to date; :mod:`.progress` is what a
user sees. Nothing here imports :mod:`georeport.sphinxext`: Sphinx loads the
extension from ``conf.py``.
"""
