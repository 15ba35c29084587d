#!/bin/sh
# Golden and command-line tests: veil run as a user runs it.
#
# Each corpora/golden/NAME.{txt,jsonl,csv} is scrubbed with the fixed
# test key (tests/data/test.key) and compared byte for byte with
# corpora/golden/NAME.expected.  Then the contract's promises: exit
# statuses, fail-closed rejection, tamper detection, atomic output, and
# no identifier in any message.
set -u
VEIL=${VEIL:-./veil}
case $VEIL in /*) ;; *) VEIL=$(pwd)/$VEIL ;; esac
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/veil-golden-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "  ok: $1"; }
bad() { fail=$((fail + 1)); echo "  FAILED: $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

key=$tmp/test.key
cp tests/data/test.key "$key"
chmod 600 "$key"

echo "Golden outputs"
for in in corpora/golden/*.txt corpora/golden/*.jsonl corpora/golden/*.csv
do
	[ -f "$in" ] || continue
	exp=${in%.*}.expected
	[ -f "$exp" ] || continue
	rm -rf "$tmp/ks"
	"$VEIL" scrub -q -k "$key" -K "$tmp/ks" -o "$tmp/out" "$in" \
	    2>"$tmp/err"
	check "$in" 'cmp -s "$tmp/out" "$exp"'
done

echo "Command line"
check "--version" '"$VEIL" --version | grep -q "^veil [0-9]"'
check "help scrub exits 0" '"$VEIL" help scrub >/dev/null'
check "scrub --help exits 0" '"$VEIL" scrub --help | grep -q "usage: veil scrub"'
"$VEIL" frobnicate >/dev/null 2>&1
check "unknown command exits 2" '[ $? -eq 2 ]'
printf 'Seen by Dr. Quentin Farrowdale on 03/14/2021.\n' >"$tmp/a.txt"
"$VEIL" scrub "$tmp/a.txt" >"$tmp/o" 2>"$tmp/e"
check "pseudonyms without -K exit 2" '[ $? -eq 2 ] && [ ! -s "$tmp/o" ]'
"$VEIL" scrub -k "$key" -K "$tmp/ks" "$tmp/nonexistent.txt" 2>/dev/null
check "missing input exits 2" '[ $? -eq 2 ]'

echo "Keys"
"$VEIL" keygen -q --no-passphrase -o "$tmp/k2.key"
check "keygen makes a 0600 file" \
    '[ "$(stat -c %a "$tmp/k2.key")" = 600 ]'
"$VEIL" keygen -q --no-passphrase -o "$tmp/k2.key" 2>/dev/null
check "keygen never replaces a key file" '[ $? -eq 2 ]'
printf 'correct horse battery staple\n' >"$tmp/pass"
printf 'wrong horse\n' >"$tmp/wrong"
"$VEIL" keygen -q --kdf-cost 15 --passphrase-file "$tmp/pass" \
    -o "$tmp/pw.key"
"$VEIL" scrub -q -k "$tmp/pw.key" --passphrase-file "$tmp/pass" \
    -K "$tmp/pwks" "$tmp/a.txt" >"$tmp/o" 2>/dev/null
check "passphrase key scrubs" '[ $? -eq 0 ] && grep -q "NAME-" "$tmp/o"'
"$VEIL" scrub -q -k "$tmp/pw.key" --passphrase-file "$tmp/wrong" \
    -K "$tmp/pwks2" "$tmp/a.txt" >"$tmp/o" 2>/dev/null
check "wrong passphrase exits 3, writes nothing" \
    '[ $? -eq 3 ] && [ ! -s "$tmp/o" ]'
cp "$key" "$tmp/loose.key"
chmod 644 "$tmp/loose.key"
"$VEIL" scrub -q -k "$tmp/loose.key" -K "$tmp/ks3" "$tmp/a.txt" \
    >/dev/null 2>&1
check "a key file readable by others is refused (3)" '[ $? -eq 3 ]'

echo "Re-identification"
rm -rf "$tmp/ks"
"$VEIL" scrub -q -k "$key" -K "$tmp/ks" -o "$tmp/a.out" "$tmp/a.txt"
check "scrub exits 0" '[ $? -eq 0 ]'
check "name and date are gone" \
    '! grep -q "Farrowdale\|03/14" "$tmp/a.out"'
check "the year stays" 'grep -q "2021" "$tmp/a.out"'
"$VEIL" reid -k "$key" -K "$tmp/ks" --reason "test 1" <"$tmp/a.out" \
    >"$tmp/a.back"
check "reid restores the name" 'grep -q "Quentin Farrowdale" "$tmp/a.back"'
check "reid logs the access" 'grep -c . "$tmp/ks/access.log" | grep -q 1'
check "access log has no value" '! grep -qi farrowdale "$tmp/ks/access.log"'
check "audit verify accepts the log" \
    '"$VEIL" audit verify -k "$key" "$tmp/ks/access.log" >/dev/null'
"$VEIL" reid -k "$key" -K "$tmp/ks" <"$tmp/a.out" >/dev/null 2>&1
check "reid without --reason exits 2" '[ $? -eq 2 ]'
# A pipe closed early: what went down it stays re-identifiable.
i=0
while [ $i -lt 4000 ]; do
	printf '{"id": "p%d", "text": "Seen by Dr. Ottoline Brasswick %d, '\
'call 503-555-%04d."}\n' $i $i $((i % 9000 + 1000))
	i=$((i + 1))
done >"$tmp/pipe.jsonl"
rm -rf "$tmp/pks"
{ "$VEIL" scrub -q -k "$key" -K "$tmp/pks" "$tmp/pipe.jsonl" \
    2>"$tmp/pipe.err"; echo $? >"$tmp/pipe.rc"; } | head -n 3 >"$tmp/pipe.out"
check "a pipe closed early: exit 1, 'cannot write the output'" \
    '[ "$(cat "$tmp/pipe.rc")" = 1 ] && grep -q "cannot write the output" "$tmp/pipe.err"'
"$VEIL" reid -q -k "$key" -K "$tmp/pks" --reason "pipe test" \
    <"$tmp/pipe.out" >"$tmp/pipe.back" 2>/dev/null
check "what went down the closed pipe is re-identified" \
    '[ $(grep -c "Ottoline Brasswick" "$tmp/pipe.back") = 3 ] && ! grep -q Brasswick "$tmp/pipe.out"'
tok=$(grep -o '\[NAME-[a-z2-7]*\]' "$tmp/a.out" | head -1)
check "reid TOKEN prints the original" \
    '"$VEIL" reid -k "$key" -K "$tmp/ks" --reason t2 "$tok" | grep -q "Quentin Farrowdale"'
"$VEIL" reid -k "$tmp/k2.key" -K "$tmp/ks" --reason t3 "$tok" \
    >"$tmp/o" 2>/dev/null
check "wrong key exits 3, prints nothing" '[ $? -eq 3 ] && [ ! -s "$tmp/o" ]'
seg=$(ls "$tmp/ks"/seg-* | head -1)
cp "$seg" "$tmp/seg.bak"
size=$(stat -c %s "$seg")
# flip the low bit of the middle byte, whatever it was
b=$(od -An -tu1 -j $((size / 2)) -N1 "$seg" | tr -d ' ')
printf "\\$(printf %03o $((b ^ 1)))" | dd of="$seg" bs=1 \
    seek=$((size / 2)) conv=notrunc 2>/dev/null
"$VEIL" reid -k "$key" -K "$tmp/ks" --reason t4 "$tok" >"$tmp/o" 2>/dev/null
check "flipped byte exits 3, prints nothing" \
    '[ $? -eq 3 ] && [ ! -s "$tmp/o" ]'
head -c $((size - 7)) "$tmp/seg.bak" >"$seg"
"$VEIL" reid -k "$key" -K "$tmp/ks" --reason t5 "$tok" >"$tmp/o" 2>/dev/null
check "truncated segment exits 3, prints nothing" \
    '[ $? -eq 3 ] && [ ! -s "$tmp/o" ]'
cp "$tmp/seg.bak" "$seg"
sed -i '1s/t/T/' "$tmp/ks/access.log"
"$VEIL" audit verify -k "$key" "$tmp/ks/access.log" >/dev/null 2>&1
check "edited access log fails verify (3)" '[ $? -eq 3 ]'

echo "Failing closed"
sentinel=Zebulonia
printf '{"id": 1, "text": "Dr. %s Okafor saw her."}\n' $sentinel >"$tmp/b.jsonl"
printf '{"id": 2, "text": "bad \377 %s byte"}\n' $sentinel >>"$tmp/b.jsonl"
printf '{"id": 3, "text": "nul \\u0000 %s"}\n' $sentinel >>"$tmp/b.jsonl"
printf '[1, 2]\n' >>"$tmp/b.jsonl"
printf '{"id": 5, "text": "Call Dr. %s Okafor."}\n' $sentinel >>"$tmp/b.jsonl"
rm -rf "$tmp/ks"
"$VEIL" scrub -v -k "$key" -K "$tmp/ks" -o "$tmp/b.out" "$tmp/b.jsonl" \
    2>"$tmp/b.err"
check "bad JSONL records exit 1" '[ $? -eq 1 ]'
check "good records are written" '[ "$(grep -c . "$tmp/b.out")" -eq 2 ]'
check "rejections name the records" \
    'grep -q "record 2 " "$tmp/b.err" && grep -q "record 3 " "$tmp/b.err" && grep -q "record 4 " "$tmp/b.err"'
check "no identifier in messages" '! grep -q $sentinel "$tmp/b.err"'
check "no identifier in the output" '! grep -q $sentinel "$tmp/b.out"'

printf 'note_id,text\n1,"Dr. %s Okafor"\n2,"x",extra\n3,"Mr. %s Okafor"\n4,"open %s\n' \
    $sentinel $sentinel $sentinel >"$tmp/c.csv"
"$VEIL" scrub -k "$key" -K "$tmp/ks" -o "$tmp/c.out" "$tmp/c.csv" \
    2>"$tmp/c.err"
check "ragged and unterminated CSV exit 1" '[ $? -eq 1 ]'
check "CSV rejections name rows 2 and 4" \
    'grep -q "record 2 " "$tmp/c.err" && grep -q "record 4 " "$tmp/c.err"'
check "good CSV rows written with the header" \
    '[ "$(head -1 "$tmp/c.out")" = "note_id,text" ] && grep -q "^1," "$tmp/c.out" && grep -q "^3," "$tmp/c.out"'
check "nothing unscanned in CSV output" \
    '! grep -q $sentinel "$tmp/c.out" "$tmp/c.err"'

printf 'a %s b\000c\n' $sentinel >"$tmp/nul.txt"
"$VEIL" scrub -k "$key" -K "$tmp/ks" "$tmp/nul.txt" >"$tmp/o" 2>"$tmp/e"
check "NUL byte in text exits 1 with no output" \
    '[ $? -eq 1 ] && [ ! -s "$tmp/o" ] && ! grep -q $sentinel "$tmp/e"'
: >"$tmp/empty.jsonl"
"$VEIL" scrub -k "$key" -K "$tmp/ks" "$tmp/empty.jsonl" >"$tmp/o" 2>"$tmp/e"
check "empty input exits 1 with a message" \
    '[ $? -eq 1 ] && grep -q "empty" "$tmp/e"'
: >"$tmp/empty.txt"
"$VEIL" scrub -k "$key" -K "$tmp/ks" "$tmp/empty.txt" >"$tmp/o" 2>"$tmp/e"
check "an empty text document exits 1 with a message" \
    '[ $? -eq 1 ] && grep -q "record 1 rejected: input is empty" "$tmp/e"'

{
	printf '{"id": "a", "text": "Dr. %s Okafor"}\n' $sentinel
	printf '{"id": "big", "text": "'
	head -c 52428800 /dev/zero | tr '\0' 'x'
	printf '"}\n{"id": "c", "text": "Mr. %s Okafor"}\n' $sentinel
} >"$tmp/big.jsonl"
"$VEIL" scrub -k "$key" -K "$tmp/ks" -o "$tmp/big.out" "$tmp/big.jsonl" \
    2>"$tmp/e"
check "50 MB line is rejected, exit 1" \
    '[ $? -eq 1 ] && grep -q "record 2 " "$tmp/e"'
check "records around it are written" \
    '[ "$(grep -c . "$tmp/big.out")" -eq 2 ]'
rm -f "$tmp/big.jsonl" "$tmp/big.out"

if [ -w /dev/full ]; then
	"$VEIL" scrub -k "$key" -K "$tmp/ks" "$tmp/a.txt" >/dev/full 2>/dev/null
	check "a full disk is an error" '[ $? -ne 0 ]'
fi
: >"$tmp/notadir"
"$VEIL" scrub -k "$key" -K "$tmp/notadir" -o "$tmp/never.txt" "$tmp/a.txt" \
    2>/dev/null
check "keystore failure exits 3 and leaves no output" \
    '[ $? -eq 3 ] && [ ! -e "$tmp/never.txt" ] && ! ls "$tmp" | grep -q "never.txt.tmp"'

echo "Spans and policies"
# NBSP and full-width digits: offsets are code points of the original.
printf '{"id": "u", "text": "Née\302\240le ３/１４/２０２１ at noon"}\n' \
    >"$tmp/u.jsonl"
"$VEIL" detect "$tmp/u.jsonl" >"$tmp/u.spans"
check "detect finds the full-width date at code points 7-16" \
    'grep "\"field\": \"text\"" "$tmp/u.spans" | grep -q "\"start\": 7, \"end\": 16, \"type\": \"DATE\""'

cat >"$tmp/p.yaml" <<'YAML'
profile: safe-harbor
domain: TEST_STUDY
columns:
  note_id: keep
  mrn: MRN
  text: text
YAML
printf 'note_id,mrn,secret,text\n7,12345678,%s,"Seen 04/05/2020 by Dr. Nilsa Vantongeren."\n' \
    $sentinel >"$tmp/p.csv"
"$VEIL" scrub -c "$tmp/p.yaml" -k "$key" -K "$tmp/pks" -o "$tmp/p.out" \
    "$tmp/p.csv" 2>"$tmp/p.err"
check "policy run exits 0" '[ $? -eq 0 ]'
check "unnamed column is dropped and named once" \
    '[ "$(head -1 "$tmp/p.out")" = "note_id,mrn,text" ] && grep -q "secret" "$tmp/p.err" && ! grep -q $sentinel "$tmp/p.out"'
check "typed column is pseudonymised whole" \
    'grep -q "^7,\[MRN-[a-z2-7]*\]," "$tmp/p.out"'
"$VEIL" scrub --profile limited -k "$key" -K "$tmp/lks" "$tmp/a.txt" \
    >"$tmp/l.out"
check "limited profile keeps the date, removes the name" \
    'grep -q "03/14/2021" "$tmp/l.out" && ! grep -q Farrowdale "$tmp/l.out"'

echo "Two linkage domains in one keystore"
printf 'domain: STUDY_42\n' >"$tmp/d2.yaml"
printf 'Seen by Dr. Ottoline Pendergrast on 02/11/2020.\n' >"$tmp/d1.txt"
printf 'Seen by Dr. Barnaby Quillfeather on 05/06/2021.\n' >"$tmp/d2.txt"
rm -rf "$tmp/dks"
"$VEIL" scrub -q -k "$key" -K "$tmp/dks" -o "$tmp/d1.out" "$tmp/d1.txt" &&
"$VEIL" scrub -q -c "$tmp/d2.yaml" -k "$key" -K "$tmp/dks" \
    -o "$tmp/d2.out" "$tmp/d2.txt"
check "scrubs in domains DEFAULT and STUDY_42 exit 0" '[ $? -eq 0 ]'
check "segment names carry their domain" \
    'ls "$tmp/dks" | grep -q "^seg-DEFAULT-" && ls "$tmp/dks" | grep -q "^seg-STUDY_42-"'
cat "$tmp/d1.out" "$tmp/d2.out" |
    "$VEIL" reid -k "$key" -K "$tmp/dks" --reason d1 >"$tmp/d.back"
check "reid without -c restores both domains" \
    '[ $? -eq 0 ] && grep -q "Ottoline Pendergrast" "$tmp/d.back" && grep -q "Barnaby Quillfeather" "$tmp/d.back"'
check "keystore verify accepts two domains" \
    '"$VEIL" keystore verify -k "$key" -K "$tmp/dks" | grep -q "2 domains"'
check "keystore list counts per domain" \
    '"$VEIL" keystore list -k "$key" -K "$tmp/dks" | grep -q "^domain STUDY_42"'
cat "$tmp/d1.out" "$tmp/d2.out" | "$VEIL" reid -c "$tmp/d2.yaml" \
    -k "$key" -K "$tmp/dks" --reason d2 >"$tmp/d.back"
check "reid -c POLICY restores that domain only, exit 1 for the rest" \
    '[ $? -eq 1 ] && ! grep -q "Ottoline" "$tmp/d.back" && grep -q "Barnaby Quillfeather" "$tmp/d.back"'
seg=$(ls "$tmp/dks"/seg-STUDY_42-*)
mv "$seg" "$tmp/dks/seg-DEFAULT-${seg##*/seg-STUDY_42-}"
"$VEIL" keystore verify -k "$key" -K "$tmp/dks" >/dev/null 2>"$tmp/e"
check "a segment renamed to another domain exits 3, naming it" \
    '[ $? -eq 3 ] && grep -q "seg-DEFAULT-${seg##*/seg-STUDY_42-}.*another domain" "$tmp/e"'

printf '{"id": 7, "mrn": 12345678, "ssn": 219448810, "w": 71.5, "ok": true, "text": "seen 3/4/2020"}\n' \
    >"$tmp/num.jsonl"
printf 'columns:\n  id: keep\n  mrn: MRN\n  w: keep\n  ok: keep\n  text: text\n' \
    >"$tmp/num.yaml"
"$VEIL" scrub -q -c "$tmp/num.yaml" -k "$key" -K "$tmp/pks" "$tmp/num.jsonl" \
    >"$tmp/num.out"
check "JSON numbers: a typed column is replaced, an unnamed one dropped" \
    'grep -q "^{\"id\": 7, \"mrn\": \"\[MRN-[a-z2-7]*\]\", \"w\": 71.5, \"ok\": true, \"text\": \"seen 2020\"}$" "$tmp/num.out"'

echo "Evaluation"
printf '{"id": "e1", "text": "Dr. Alvar Quist saw her on 2/3/2021."}\n' \
    >"$tmp/e.jsonl"
printf '{"id": "e1", "field": "text", "text": "Dr. Alvar Quist saw her on 2/3/2021.", "spans": [{"start": 4, "end": 15, "type": "NAME"}, {"start": 27, "end": 35, "type": "DATE"}, {"start": 16, "end": 19, "type": "OTHER_ID"}]}\n' \
    >"$tmp/e.gold"
"$VEIL" detect "$tmp/e.jsonl" >"$tmp/e.spans"
"$VEIL" eval --json --gold "$tmp/e.gold" --spans "$tmp/e.spans" \
    >"$tmp/e.json"
check "eval scores detect's spans (2 of 3 found)" \
    '[ $? -eq 0 ] && grep -q "\"found\": 2" "$tmp/e.json"'
"$VEIL" eval --gold "$tmp/nonexistent" --spans "$tmp/e.spans" \
    >/dev/null 2>&1
check "eval with a missing gold file exits 2" '[ $? -eq 2 ]'
"$VEIL" eval --show-text --gold "$tmp/e.gold" --spans "$tmp/e.spans" \
    >"$tmp/e.txt"
check "eval --show-text lists the leaked text" 'grep -q "saw" "$tmp/e.txt"'
"$VEIL" eval --gold "$tmp/e.gold" --spans "$tmp/e.spans" >"$tmp/e.txt"
check "eval without --show-text does not" '! grep -q "saw" "$tmp/e.txt"'

echo "Progress"
if command -v script >/dev/null 2>&1; then
	# stderr a terminal: progress; -q or not a terminal: none
	script -qec "'$VEIL' detect '$tmp/a.txt' >/dev/null" /dev/null \
	    >"$tmp/tty.out" 2>&1
	check "progress on a terminal" \
	    'grep -q "veil: 1 record, .* MB/s" "$tmp/tty.out"'
	script -qec "'$VEIL' detect -q '$tmp/a.txt' >/dev/null" /dev/null \
	    >"$tmp/tty.out" 2>&1
	check "no progress with -q" '! grep -q "MB/s" "$tmp/tty.out"'
	"$VEIL" detect "$tmp/a.txt" >/dev/null 2>"$tmp/e"
	check "no progress when stderr is not a terminal" '! [ -s "$tmp/e" ]'
fi

echo "Long documents"
i=0
while [ $i -lt 3000 ]; do
	printf 'Call 503-555-%04d or k%d@post.example on 3/%d/2020. ' \
	    $((i % 10000)) $i $((1 + i % 28))
	[ $((i % 5)) -eq 0 ] && printf '\n'
	i=$((i + 1))
done >"$tmp/long.txt"
"$VEIL" scrub -q --window 1M -k "$key" -K "$tmp/lks" -o "$tmp/long.1m" \
    --spans "$tmp/long.1m.spans" "$tmp/long.txt"
"$VEIL" scrub -q --window 4k -k "$key" -K "$tmp/lks" -o "$tmp/long.4k" \
    --spans "$tmp/long.4k.spans" "$tmp/long.txt"
check "windows of 4k and 1M give the same output and spans" \
    'cmp -s "$tmp/long.1m" "$tmp/long.4k" && cmp -s "$tmp/long.1m.spans" "$tmp/long.4k.spans"'
check "no identifier left between windows" \
    '! grep -q "555-\|@post" "$tmp/long.4k"'
"$VEIL" scrub -q --max-record 1k -k "$key" -K "$tmp/lks" -o "$tmp/long.mr" \
    "$tmp/long.txt"
check "--max-record does not limit a text document's windows" \
    '[ $? -eq 0 ] && cmp -s "$tmp/long.1m" "$tmp/long.mr"'
cp "$tmp/long.txt" "$tmp/longbad.txt"
printf 'tail \377 Zebulonia 503-555-0199\n' >>"$tmp/longbad.txt"
"$VEIL" scrub -q --window 4k -k "$key" -K "$tmp/lks" -o "$tmp/longbad.out" \
    "$tmp/a.txt" "$tmp/longbad.txt" 2>"$tmp/e"
check "a long document with bad UTF-8 is rejected, exit 1" \
    '[ $? -eq 1 ] && grep -q "longbad.txt: record 1 rejected" "$tmp/e"'
check "nothing of it stays in the output, the other document does" \
    'grep -q "NAME-" "$tmp/longbad.out" && ! grep -q "Call" "$tmp/longbad.out"'

echo "Threads"
# Records span several batches; bad ones among them are rejected by the
# workers that parse them.  Output, spans, messages and exit status must
# not depend on the number of threads.
i=1
while [ $i -le 700 ]; do
	case $((i % 50)) in
	7) printf '{"id": "t%d", "text": "bad \377 byte"}\n' $i ;;
	8) printf '{"id": "t%d", "text": \n' $i ;;
	*) printf '{"id": "t%d", "text": "Dr. Ilse Marvenko saw her on %d/%d/2019, call 503-555-%04d."}\n' \
	    $i $((i % 12 + 1)) $((i % 28 + 1)) $i ;;
	esac
	i=$((i + 1))
done >"$tmp/th.jsonl"
{
	printf 'note_id,text\n'
	i=1
	while [ $i -le 700 ]; do
		case $((i % 50)) in
		7) printf '%d,"x",extra\n' $i ;;
		*) printf '%d,"Seen by Dr. Ilse Marvenko, %d/%d/2019.\nok"\n' \
		    $i $((i % 12 + 1)) $((i % 28 + 1)) ;;
		esac
		i=$((i + 1))
	done
} >"$tmp/th.csv"
for f in th.jsonl th.csv; do
	for n in 1 2 4; do
		rm -rf "$tmp/thks"
		"$VEIL" scrub --threads $n -k "$key" -K "$tmp/thks" \
		    -o "$tmp/$f.$n.out" --spans "$tmp/$f.$n.spans" \
		    --audit "$tmp/$f.$n.audit" "$tmp/$f" 2>"$tmp/$f.$n.err"
		echo $? >>"$tmp/$f.$n.err"
	done
	check "$f: the same bytes with 1, 2 and 4 threads" \
	    'for n in 2 4; do cmp -s "$tmp/$f.1.out" "$tmp/$f.$n.out" && cmp -s "$tmp/$f.1.spans" "$tmp/$f.$n.spans" && cmp -s "$tmp/$f.1.err" "$tmp/$f.$n.err" && cmp -s "$tmp/$f.1.audit" "$tmp/$f.$n.audit" || exit 1; done'
	check "$f: rejections by number, exit 1" \
	    'grep -q "record 7 rejected" "$tmp/$f.1.err" && grep -q "record 657 rejected" "$tmp/$f.1.err" && [ "$(tail -1 "$tmp/$f.1.err")" = 1 ]'
done
check "th.jsonl: bad JSON and bad UTF-8 both rejected" \
    'grep -q "record 8 rejected: invalid JSON" "$tmp/th.jsonl.1.err" && grep -q "record 7 rejected: line is not valid UTF-8" "$tmp/th.jsonl.1.err"'
check "th.jsonl: every record counts as read, rejected ones too" \
    'grep -q "\"records_read\": 700, \"records_written\": 672, \"records_rejected\": 28" "$tmp/th.jsonl.1.audit"'
check "th.jsonl: good records written, nothing in clear" \
    '[ "$(grep -c . "$tmp/th.jsonl.1.out")" -eq 672 ] && ! grep -q "Marvenko\|555-" "$tmp/th.jsonl.1.out"'

echo "Hostile inputs and odd outputs"
printf 'id,no\377tes\n1,"Dr. %s Okafor"\n' $sentinel >"$tmp/hdr.csv"
"$VEIL" scrub -k "$key" -K "$tmp/hks" -o "$tmp/hdr.out" "$tmp/hdr.csv" \
    2>"$tmp/e"
check "a CSV header that is not UTF-8 is rejected, nothing written" \
    '[ $? -eq 1 ] && grep -q "rejected: header row is not valid UTF-8" "$tmp/e" && [ ! -s "$tmp/hdr.out" ]'
printf 'columns:\n  id: keep\n  text: text\n' >"$tmp/keep.yaml"
printf 'id,text\nx\377,"Dr. %s Okafor"\n2,"Mr. %s Okafor"\n' \
    $sentinel $sentinel >"$tmp/kid.csv"
"$VEIL" scrub -c "$tmp/keep.yaml" -k "$key" -K "$tmp/hks" \
    --spans "$tmp/kid.spans" -o "$tmp/kid.out" "$tmp/kid.csv" 2>"$tmp/e"
check "an id that is not UTF-8 rejects its record, and says why" \
    '[ $? -eq 1 ] && grep -q "record 1 rejected: .*not valid UTF-8" "$tmp/e" && grep -q "^2," "$tmp/kid.out" && ! grep -q $sentinel "$tmp/kid.out"'
printf '{"id": "zw", "text": "Call 617\342\200\213555-0199 or SSN 123-\302\25545-6789; Dr. Zebu\342\201\240lonia Okafor"}\n' \
    >"$tmp/zw.jsonl"
"$VEIL" scrub -q -k "$key" -K "$tmp/hks" -o "$tmp/zw.out" "$tmp/zw.jsonl"
check "invisible characters inside identifiers leave nothing in clear" \
    '! grep -q "555\|6789\|lonia\|Okafor" "$tmp/zw.out" && grep -q "PHONE-" "$tmp/zw.out" && grep -q "SSN-" "$tmp/zw.out"'
mkdir "$tmp/adir"
"$VEIL" scrub -k "$key" -K "$tmp/hks" -o "$tmp/dir.out" --spans \
    "$tmp/dir.spans" "$tmp/a.txt" "$tmp/adir" 2>/dev/null
check "a directory as input exits 2 and leaves no file" \
    '[ $? -eq 2 ] && ! ls "$tmp" | grep -q "^dir\."'
"$VEIL" scrub -k "$key" -K "$tmp/hks" -o "$tmp/aud.out" \
    --audit "$tmp/nodir/run.json" "$tmp/a.txt" 2>/dev/null
check "an audit path that cannot be written exits 2, nothing written" \
    '[ $? -eq 2 ] && ! ls "$tmp" | grep -q "^aud\.out"'
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/fifo.got" &
"$VEIL" scrub -q -k "$key" -K "$tmp/hks" -o "$tmp/fifo" "$tmp/a.txt"
wait
check "an output that is a FIFO is written in place, not replaced" \
    '[ -p "$tmp/fifo" ] && grep -q "NAME-" "$tmp/fifo.got"'
: >"$tmp/real.out"
ln -s real.out "$tmp/link.out"
"$VEIL" scrub -q -k "$key" -K "$tmp/hks" -o "$tmp/link.out" "$tmp/a.txt"
check "an output that is a symbolic link keeps the link" \
    '[ -L "$tmp/link.out" ] && grep -q "NAME-" "$tmp/real.out"'

echo "Known identifiers, allow and deny lists"
printf 'patient_id,first_name,last_name,mrn,phone\nKP1,Ysabel,Quarnstrom,ZT-4410927,971-555-0164\nKP2,Aurelio,Benvick,ZT-5520018,\n' \
    >"$tmp/roster.csv"
printf '%s\n' \
    '{"id": "k1", "patient_id": "KP1", "text": "QUARNSTROM, YSABEL seen; Ysabel agreed. Ms. Quarnstrom called 971.555.0164 re MRN ZT4410927."}' \
    '{"id": "k2", "patient_id": "KP2", "text": "Benvick, Aurelio: A. Benvick declined."}' \
    '{"id": "k3", "patient_id": "KP1", "text": "Follow-up for Ysabel Quarnstrom."}' \
    >"$tmp/known.jsonl"
"$VEIL" scrub -q --known "$tmp/roster.csv" -k "$key" -K "$tmp/kks" \
    -o "$tmp/known.out" "$tmp/known.jsonl"
check "--known: every variant of a rostered name is replaced" \
    '! grep -qi "quarnstrom\|ysabel\|benvick\|aurelio\|0164\|4410927" "$tmp/known.out"'
check "--known: one pseudonym per patient across variants and records" \
    '[ "$(sed -n 1p "$tmp/known.out" | grep -o "NAME-[a-z0-9]*" | sort -u | wc -l)" = 1 ] && [ "$(grep -o "NAME-[a-z0-9]*" "$tmp/known.out" | sort -u | wc -l)" = 2 ]'
"$VEIL" detect --known "$tmp/roster.csv" "$tmp/known.jsonl" \
    >"$tmp/known.spans"
check "--known: detect names the known recognizer" \
    'grep -q "\"recognizer\": \"known.name\"" "$tmp/known.spans"'
printf '%s\n' \
    '{"id": "x1", "patient_id": "XP7", "text": "Spoke with Ysolde; Ysolde Tarrowby consented."}' \
    '{"id": "x2", "patient_id": "XP8", "text": "no names here"}' \
    '{"id": "x3", "patient_id": "XP7", "first_name": "Ysolde", "last_name": "Tarrowby", "text": "chart"}' \
    >"$tmp/cross.jsonl"
for n in 1 3; do
	"$VEIL" scrub -q --threads $n -k "$key" -K "$tmp/xks$n" \
	    -o "$tmp/cross.$n" "$tmp/cross.jsonl"
done
check "a note finds names from its patient's later record" \
    '! grep -q "Ysolde\|Tarrowby" "$tmp/cross.1" && cmp -s "$tmp/cross.1" "$tmp/cross.3"'
check "the name columns share the note's pseudonym" \
    '[ "$(grep -o "NAME-[a-z0-9]*" "$tmp/cross.1" | sort -u | wc -l)" = 1 ]'
printf 'patient_id,first_name\nKP1,Ysabel\nKP2\n' >"$tmp/badroster.csv"
"$VEIL" detect --known "$tmp/badroster.csv" "$tmp/known.jsonl" \
    >/dev/null 2>"$tmp/e"
check "a malformed roster exits 2, naming file and record, no value" \
    '[ $? -eq 2 ] && grep -q "badroster.csv.: record 2" "$tmp/e" && ! grep -q Ysabel "$tmp/e"'
"$VEIL" detect --known "$tmp/none.csv" "$tmp/known.jsonl" >/dev/null 2>&1
check "a missing roster exits 2" '[ $? -eq 2 ]'
printf '# agreed to be named\nOrsolya Penhallow\n' >"$tmp/allow.txt"
printf 'Bramblecote Trust\tORGANIZATION\nVeldt\n' >"$tmp/deny.txt"
printf 'types: {NAME: redact, ORGANIZATION: redact}\nallow: allow.txt\ndeny: deny.txt\n' \
    >"$tmp/lists.yaml"
printf 'Dr. Orsolya Penhallow and Mr. Veldt of Bramblecote Trust met.\n' \
    >"$tmp/lists.txt"
"$VEIL" scrub -q -c "$tmp/lists.yaml" -k "$key" -K "$tmp/lks2" \
    -o "$tmp/lists.out" "$tmp/lists.txt"
check "allow keeps a listed name, deny flags listed words" \
    '[ "$(cat "$tmp/lists.out")" = "Dr. Orsolya Penhallow and Mr. [NAME] of [ORGANIZATION] met." ]'
printf 'Veldt\n\377Hidden\n' >"$tmp/deny.txt"
"$VEIL" scrub -q -c "$tmp/lists.yaml" -o "$tmp/lists.out" "$tmp/lists.txt" \
    2>"$tmp/e"
check "a bad deny line exits 2, naming file and line only" \
    '[ $? -eq 2 ] && grep -q "deny.txt. line 2: not valid UTF-8" "$tmp/e" && ! grep -q Hidden "$tmp/e"'

echo
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
