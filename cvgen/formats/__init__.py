"""Importers and exporters: other shapes of the same data (homepage, JSON Resume, BibTeX).

Importers produce plain profile data (dicts ready for validation and for
YAML); exporters read a validated ``Profile``. Nothing else in cvgen reads foreign formats.
"""
