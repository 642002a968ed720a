"""Small widgets shared by every area: the amount field, the mouse-wheel guard."""
