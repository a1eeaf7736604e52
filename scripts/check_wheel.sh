#!/usr/bin/env bash
# The installed package is the tested package: build the wheel, install it into a clean
# virtual environment, and check that the seeds' records equal the editable install's.
# usage: bash scripts/check_wheel.sh   (run by .ci/run after the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/pip wheel -q --no-deps -w "$work/dist" .
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$work"/dist/korex-*.whl
records='
import json, sys
import korex
extractor = korex.load()
for line in open(sys.argv[1], encoding="utf-8"):
    gold = json.loads(line)
    print(extractor(gold["text"], reference_date=gold["published"], id=gold["id"]).model_dump_json())
'
# run from the temporary directory, so that the clean install cannot see this checkout
(cd "$work" && "$work/venv/bin/python" -c "$records" "$OLDPWD/seeds/gold.jsonl") > "$work/wheel.jsonl"
.venv/bin/python -c "$records" seeds/gold.jsonl > "$work/editable.jsonl"
if cmp -s "$work/wheel.jsonl" "$work/editable.jsonl"; then
  echo "wheel: $(ls "$work"/dist) installed in a clean environment gives the editable install's seed records ($(wc -l < "$work/wheel.jsonl") documents)"
else
  echo "wheel: the installed package's seed records differ from the editable install's" >&2
  diff "$work/wheel.jsonl" "$work/editable.jsonl" | head -20 >&2
  exit 1
fi
