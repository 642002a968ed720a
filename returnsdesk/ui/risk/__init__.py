"""Risk signals in the window: inbox column text, badges with reasons, the Preferences page."""
