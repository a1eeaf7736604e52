#!/usr/bin/env bash
# Every figure of docs/BENCHMARKS.md, in one run (about an hour). Needs ../shared (KLUE, news dev).
# usage: bash scripts/benchmarks.sh OUTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/korex-bench}
mkdir -p "$out"
k=.venv/bin/korex
py=.venv/bin/python
$py scripts/bench_tokenizer.py ../shared/data/klue/ner-dev.jsonl > "$out/tokenizer.txt"
$k evaluate news ../shared/data/news/dev.jsonl --model rules > "$out/news_dev_rules.txt"
$k evaluate news ../shared/data/news/dev.jsonl > "$out/news_dev_model.txt"
$k evaluate news seeds/gold.jsonl --model rules > "$out/seeds_rules.txt"
$k evaluate news seeds/gold.jsonl > "$out/seeds_model.txt"
$k evaluate re ../shared/data/klue/re-dev.jsonl --model rules > "$out/re_rules.txt"
$k evaluate re ../shared/data/klue/re-dev.jsonl > "$out/re_model.txt"
$k evaluate re ../shared/data/klue/re-dev.jsonl --relation-model none > "$out/re_no_classifier.txt"
# the held-out tenth of KLUE-RE train that `korex train re` keeps out: where linking rules are chosen
$py scripts/re_heldout.py ../shared/data/klue/re-train.jsonl "$out/re_heldout.jsonl" > /dev/null
$k evaluate re "$out/re_heldout.jsonl" > "$out/re_heldout_model.txt"
$py scripts/bench_ner.py > "$out/ner.txt"
# the output contract on every document of the seeds, news dev and KLUE-RE dev
$py scripts/check_invariants.py > "$out/invariants.txt"
$py scripts/bench_pipeline.py --model rules --repeat 2 > "$out/pipeline_rules.txt"
$py scripts/bench_pipeline.py --repeat 2 > "$out/pipeline_model.txt"
# issues 11-14: the corpus, the models with news, deals, scale, hostile input
$py scripts/profile_stages.py > "$out/stages.txt"
$py scripts/deal_report.py > "$out/deal_report.txt"
$py scripts/deal_report.py --gold ../shared/data/news/dev.jsonl > "$out/deal_report_newsdev.txt"
$py scripts/caption_people.py > "$out/captions.txt"
$py scripts/lexicon_report.py > "$out/lexicon.txt"
$k evaluate news corpus/heldout.jsonl --deal-model none > "$out/corpus_heldout_entities.txt"
$py scripts/bench_hostile.py > "$out/hostile.txt"
$py scripts/bench_scale.py length > "$out/length.txt"
$py scripts/bench_scale.py split > "$out/split.txt"
$py scripts/bench_scale.py processes --n 1200 > "$out/processes.txt"
$py scripts/bench_scale.py dask --n 1200 > "$out/dask.txt"
$py scripts/fuzz.py --n 100000 --seed 0 --processes 2 > "$out/fuzz.txt"
echo "written to $out"
