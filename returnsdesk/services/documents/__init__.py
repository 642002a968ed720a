"""The facts each printed document states, gathered from the store as frozen view objects.

One module per document; ``formats.pdf`` renders what these return and never reads the
store itself.
"""
