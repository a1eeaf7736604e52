"""Static vectors for the NER model, recovered from Kiwi's own morpheme embeddings."""
import numpy

from korex.vectors import kiwi_vectors


def _cos(a, b):
    return float(a @ b / (numpy.linalg.norm(a) * numpy.linalg.norm(b)))


def test_vectors_put_surnames_together_and_are_the_same_every_time():
    keys, table = kiwi_vectors(["그는 사업을 했다. 회사가 발표했다."], n_morphemes=2000, dims=64, min_count=1)
    assert table.shape == (len(keys), 64) and table.dtype == numpy.float32
    row = {k: table[i] for i, k in enumerate(keys)}
    assert _cos(row["김"], row["박"]) > _cos(row["김"], row["발표"]) + 0.2
    assert "했" in row  # a surface of two morphemes (하 + 었) gets their mean
    again_keys, again = kiwi_vectors(["그는 사업을 했다. 회사가 발표했다."], n_morphemes=2000, dims=64, min_count=1)
    assert again_keys == keys and numpy.array_equal(again, table)
