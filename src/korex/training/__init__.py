"""Training korex's statistical models: :mod:`ner` (the KLUE-label NER pipeline) and
:mod:`relations` (the employment classifier)."""
