"""Customer satisfaction in the window: the survey answer dialog."""
