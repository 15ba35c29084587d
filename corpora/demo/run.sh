#!/bin/sh
# make demo: scrub the bundled synthetic export with a throwaway key.
set -eu
veil=${1:-./veil}
dir=build/demo
here=$(dirname "$0")

rm -rf "$dir"
mkdir -p "$dir"
"$veil" keygen --no-passphrase -q -o "$dir/demo.key"

echo "== veil scrub $here/export.csv (safe harbor)"
"$veil" scrub -v -k "$dir/demo.key" -K "$dir/keystore" \
    --spans "$dir/export.spans.jsonl" -o "$dir/export.csv" "$here/export.csv"
echo
cat "$dir/export.csv"

echo
echo "== veil scrub $here/notes.jsonl (safe harbor)"
"$veil" scrub -v -k "$dir/demo.key" -K "$dir/keystore" \
    -o "$dir/notes.jsonl" "$here/notes.jsonl"
echo
cat "$dir/notes.jsonl"

echo
echo "== veil keystore list"
"$veil" keystore list -k "$dir/demo.key" -K "$dir/keystore"
echo
echo "Output, spans and keystore are in $dir/."
echo "Restore a token:  $veil reid -k $dir/demo.key -K $dir/keystore --reason demo TOKEN"
