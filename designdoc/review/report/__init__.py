"""Renderings of a review for people and machines: text, GitHub annotations, JSON."""
