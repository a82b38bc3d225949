"""Graphviz plumbing: DOT sources, safe labels, the house style, running dot, SVG, fitting."""
