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


@registry.architectures("korex.HashCharEmbed.v1")
def hash_char_embed(width: int, attrs: list, rows: list, include_static_vectors: bool, nM: int, nC: int):
    """spaCy's MultiHashEmbed.v2 with spaCy's character embeddings beside it.

    ``spacy.CharacterEmbed.v2`` embeds one hashed attribute only, which would drop Kiwi's POS
    tag (the largest single gain of the model); here the characters are concatenated to the
    full hash embedding instead and mixed by one Maxout layer, as CharacterEmbed does. The
    characters are UTF-8 *bytes* taken from both ends of the token (three per Hangul
    syllable), so ``nC = 12`` sees two syllables at each end.
    """
    from spacy.ml import _character_embed
    from spacy.ml.models.tok2vec import MultiHashEmbed
    from thinc.api import Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    hashed = chain(MultiHashEmbed(width, attrs, rows, include_static_vectors), list2ragged())
    chars = chain(_character_embed.CharacterEmbed(nM=nM, nC=nC), list2ragged())
    return chain(
        concatenate(hashed, chars),
        with_array(Maxout(width, width + nM * nC, nP=3, normalize=True, dropout=0.0)),
        ragged2list(),
    )
