"""Analyse: the taxonomy, and a document's passages classified by theme, its required parts and figures."""
