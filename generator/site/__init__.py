"""Site: analysed reports -> the generated pages and data files, written into build/docs/."""
