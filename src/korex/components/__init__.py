"""korex's spaCy components, one module each; spaCy finds their factories through the
``spacy_factories`` entry points of the package (pyproject.toml), so a saved korex pipeline
loads with ``spacy.load()`` and nothing imported by hand."""
