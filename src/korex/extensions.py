"""The custom attributes korex keeps on spaCy objects, registered once."""
from spacy.tokens import Doc, Span


def register() -> None:
    for name, default in (
        ("korex_reference_date", None),   # datetime.date the relative dates resolve against
        ("korex_reference_date_given", False),
        ("korex_entities", None),         # list[korex.entities.Entity] after korex_entities
        ("korex_relations", None),        # list[korex.relations.Employment]
        ("korex_deals", None),            # list[korex.deals.DealRecord]
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    # A span's provenance lives in a table on its Doc (korex.components.candidates):
    # spaCy keys span attributes by offsets alone, so two finders proposing the same
    # characters would overwrite each other's provenance.
    for name in ("source", "score", "rule", "value", "mod", "currency", "entry", "info"):
        attr = f"korex_{name}"
        if not Span.has_extension(attr):
            Span.set_extension(attr, getter=_provenance_getter(name))


def _provenance_getter(name: str):
    def get(span):
        from korex.components.candidates import provenance

        info = provenance(span)
        return None if info is None else getattr(info, name)

    return get


register()
