"""Importing organisations and guides from the lists coordinators keep today (CSV or XLSX).

- ``reading``: the file's bytes → a table of text cells (CSV in any usual encoding, XLSX).
- ``common``: what both kinds share: header matching, vocabularies, value checks, row results.
- ``organisations`` and ``guides``: each row → validated data and its outcome, or its errors.
- ``storage``: the uploaded file kept privately between preview and confirm, behind a token.
- ``services``: ``preview_import`` (writes nothing) and ``confirm_import`` (one transaction).
- ``audit_trail``: the change history of a bulk import, in django-auditlog's entries.
- ``forms`` and ``template_file``: the upload form and the downloadable XLSX templates.
"""
