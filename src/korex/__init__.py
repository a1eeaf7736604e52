"""korex: companies, organizations, people, dates and deals from Korean business news."""
from korex.schema import Document

__version__ = "0.1.0"
__all__ = ["Document", "load", "Extractor", "__version__"]


def load(model=None, *, relation_model=None, deal_model=None, section_chars=None):
    """An Extractor on the bundled model (or ``model``: a path, or "rules" for rules only).

    ``relation_model``, ``deal_model``: None for the bundled employment classifier and deal
    model, False for none, or the path of one (see :func:`korex.pipeline.build_nlp`).
    ``section_chars``: texts longer than this are read in sections (default 20,000)."""
    from korex.pipeline import Extractor  # here: `import korex` stays light until a pipeline is wanted

    extra = {} if section_chars is None else {"section_chars": section_chars}
    return Extractor(model, relation_model=relation_model, deal_model=deal_model, **extra)


def __getattr__(name):
    if name == "Extractor":
        from korex.pipeline import Extractor  # here: spaCy and Kiwi load only when asked for

        return Extractor
    raise AttributeError(name)
