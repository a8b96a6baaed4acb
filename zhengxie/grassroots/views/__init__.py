"""Thin views: parse, check, call one service or selector, render."""
