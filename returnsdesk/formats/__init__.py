"""Files in and out: spreadsheets, CSV, PDFs, importers (no Qt)."""
