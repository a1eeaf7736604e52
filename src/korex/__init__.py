"""korex: companies, organizations, people, dates and deals from Korean business news."""
from korex.schema import Document

__version__ = "0.1.0"
__all__ = ["Document", "load", "Extractor", "__version__"]


def load(model=None):
    """An Extractor on the bundled model (or ``model``: a path or "rules" for rules only)."""
    from korex.pipeline import Extractor

    return Extractor(model)


def __getattr__(name):
    if name == "Extractor":
        from korex.pipeline import Extractor

        return Extractor
    raise AttributeError(name)
