"""Edit → Preferences…: one dialog, a page per subject, each page owned by its area."""
