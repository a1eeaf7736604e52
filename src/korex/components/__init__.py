"""korex's spaCy components. Importing this package registers their factories."""
from korex.components import (  # noqa: F401
    dates,
    deals,
    entities,
    gazetteer,
    org_rules,
    people,
    relations,
    resolve,
    select,
)
