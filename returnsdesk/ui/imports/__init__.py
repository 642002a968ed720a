"""Importing orders from store export files: the import dialog, the column-mapping dialog."""
