"""What runs around sphinx-build: the editions, typesetting, fingerprints.

Named ``editions``, not ``build``: tools that skip build folders (linters,
packagers, rsync and container ignore lists) would skip the package.

:mod:`.build` is the one code path of nox, the tests and users
(``python -m georeport.editions``); :mod:`.sphinx_run` runs Sphinx in this
process, quietly; :mod:`.typeset` runs latexmk on each report and
:mod:`.verify` checks what it made; :mod:`.fingerprint` decides what is up to
date; :mod:`.publish` replaces the editions together after a successful
build, :mod:`.prune` removes the outputs of removed reports, :mod:`.lock`
lets one build of a folder run at a time, :mod:`.recovery` undoes what a
failed or killed build left, :mod:`.interrupt` stops a build cleanly on a
signal; :mod:`.progress` is what a user sees. Nothing here
imports :mod:`georeport.sphinxext`: Sphinx loads the extension from
``conf.py``.
"""
