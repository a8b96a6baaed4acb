"""Pages: thin views that parse, check, call one service or selector, and render."""
