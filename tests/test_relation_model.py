"""The employment classifier: training, saving and loading on a made-up fixture, the shipped
model (skipped when models/ko_re_employment is absent) on obvious pairs, and the relation
component that holds it."""
import pickle
from pathlib import Path

import pytest

from korex import relation_model as rm
from korex.training import relations as tr

FIXTURE = Path(__file__).parent / "fixtures" / "re_train_small.jsonl"
TINY = [{"name": "tiny", "arch": "bow", "ngram_size": 2, "window": 2, "gap": 8, "length": 4096}]


def test_marked_words_marks_the_pair_and_cuts_the_window():
    words = "가 나 다 홍길동 은 한빛 전자 의 사장 이 다 .".split()
    out = rm.marked_words(words, (3, 4), (5, 7), window=1)
    assert out == ["다", rm.PER_MARK, "은", rm.ORG_OPEN, "한빛", "전자", rm.ORG_CLOSE, "의",
                   "⟦P<O⟧", "⟦DIST1⟧"]
    # organisation first, long stretch between cut to its ends
    words = ["한빛전자"] + [str(i) for i in range(20)] + ["홍길동"]
    out = rm.marked_words(words, (21, 22), (0, 1), window=0, gap=2)
    assert out[:3] == [rm.ORG_OPEN, "한빛전자", rm.ORG_CLOSE]
    assert out[3:8] == ["0", "1", "⟦GAP⟧", "18", "19"]
    assert out[-3:] == [rm.PER_MARK, "⟦O<P⟧", "⟦DIST16⟧"]


def test_threshold_reaches_the_precision_target():
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]
    gold = [True, True, False, True, True, False, False, False]
    t = tr.choose_threshold(scores, gold, precision_target=0.99)
    assert t == 0.8  # the lowest cut with no negative above it
    assert tr.auc(scores, gold) == pytest.approx(14 / 16)
    s = tr.pair_scores(scores, gold, 0.6)
    assert (s["tp"], s["fp"], s["fn"]) == (3, 1, 1)


def test_split_keeps_a_text_on_one_side():
    pairs = tr.read_pairs(FIXTURE)
    assert len(pairs) == 32  # the ORG-ORG record is not a PER-ORG pair
    train, held = tr.split_pairs(pairs, 0.3, seed=0)
    assert len(train) + len(held) == len(pairs)
    assert not {p.text for p in train} & {p.text for p in held}
    assert tr.split_pairs(pairs, 0.3, seed=0) == (train, held)


def test_train_save_load_and_score(tmp_path):
    out = tmp_path / "model"
    result = tr.train_employment(FIXTURE, out, seed=0, heldout=0.3, settings=TINY, max_epochs=5)
    assert result["chosen"] == "tiny"
    assert (out / "config.cfg").exists() and (out / "textcat").is_dir()
    clf = rm.EmploymentClassifier.from_disk(out)
    assert 0.0 <= clf.threshold <= 1.0
    assert clf.setting["window"] == 2 and clf.setting["gap"] == 8
    # inputs given as words: starting a second Kiwi would double the test's time
    # (score_text, which tokenises, is checked on the shipped model below)
    words = [rm.marked_words("박민수 한빛전자 사장 은 공개 했 다 .".split(), (0, 1), (1, 2), 2, 8),
             rm.marked_words("박민수 은 한빛대학교 를 졸업 했 다 .".split(), (0, 1), (2, 3), 2, 8)]
    first = clf.proba(words)
    assert len(first) == 2 and all(0.0 <= x <= 1.0 for x in first)
    # a second load gives the same scores
    assert rm.EmploymentClassifier.from_disk(out).proba(words) == pytest.approx(first)


def test_the_relation_component_saves_its_classifier_with_it(tmp_path):
    from korex.components.relations import RelationFinder

    out = tmp_path / "model"
    tr.train_employment(FIXTURE, out, seed=0, heldout=0.3, settings=TINY, max_epochs=2)
    finder = RelationFinder().load_classifier(out)
    finder.to_disk(tmp_path / "component")
    again = RelationFinder().from_disk(tmp_path / "component")
    assert again.threshold == finder.threshold
    assert RelationFinder().from_disk(tmp_path / "nothing").classifier is None  # rules only


def test_relation_component_pickles():
    from korex.components.relations import RelationFinder

    finder = RelationFinder(veto_below=0.4)
    clone = pickle.loads(pickle.dumps(finder))
    assert clone.veto_below == 0.4 and clone.classifier is None


SHIPPED = Path(__file__).parents[1] / "models" / "ko_re_employment"
needs_model = pytest.mark.skipif(not (SHIPPED / "config.cfg").exists(), reason="models/ko_re_employment is absent")


@pytest.mark.model
@needs_model
def test_shipped_model_on_obvious_pairs():
    clf = rm.EmploymentClassifier.from_disk(SHIPPED)
    yes = "홍길동 한빛전자 사장은 이날 서울 본사에서 신제품을 공개했다."
    no = "홍길동은 한빛대학교를 졸업하고 미국으로 유학을 떠났다."
    assert clf.score_text(yes, (0, 3), (4, 8)) >= clf.threshold
    assert clf.score_text(no, (0, 3), (5, 10)) < clf.threshold
