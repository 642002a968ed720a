"""Safe keeping in the window: back up, restore, check the store, automatic backups."""
