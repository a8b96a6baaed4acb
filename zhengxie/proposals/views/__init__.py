"""Thin views: parse with a form, check, call one service or selector, render."""
