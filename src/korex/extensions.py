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
    for name, default in (
        ("korex_source", None),   # what found the span: model, rule, dictionary, coref
        ("korex_score", None),    # 0..1
        ("korex_rule", None),     # rule or lexicon id
        ("korex_value", None),    # DATE: ISO value; MONEY: number
        ("korex_mod", None),      # DATE: START / MID / END
        ("korex_currency", None),  # MONEY: ISO 4217
        ("korex_entry", None),    # lexicon entry the span matched (canonical name)
        ("korex_info", None),     # PERSON: korex.components.people.PersonLink
    ):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()
