"""spaCy architectures of korex's models, registered on import (and through the
``spacy_architectures`` entry point, so that ``spacy.load`` finds them)."""
from __future__ import annotations

from spacy.util import registry


@registry.architectures("korex.TransitionBasedParser.v1")
def transition_based_parser(tok2vec, state_type: str, extra_state_tokens: bool, hidden_width: int,
                            maxout_pieces: int, use_upper: bool, nO=None):
    """spaCy's TransitionBasedParser.v2, with its token encoder reachable as the ref
    ``encoder``. spaCy's own ``tok2vec`` ref ends in a projection to one array, which
    ``spacy pretrain`` cannot train; ``[pretraining] layer = "encoder"`` can, and
    ``[initialize] init_tok2vec`` loads the pretrained weights back into the same layer."""
    from spacy.ml.models.parser import build_tb_parser_model

    model = build_tb_parser_model(tok2vec, state_type, extra_state_tokens, hidden_width, maxout_pieces,
                                  use_upper, nO)
    model.set_ref("encoder", tok2vec)
    return model
