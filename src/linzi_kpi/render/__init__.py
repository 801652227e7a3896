"""Rendering: values in, text out. Nothing here reads or writes data files."""
