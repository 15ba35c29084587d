#!/bin/sh
# House rules a machine can check (../shared/STYLE.md): 80 columns with
# tabs of 8, banned calls, bare markers, printing or exiting outside
# main.c, // comments, typedef'd structs.
set -u
status=0
files=$(ls pipeline/*.[ch] recognizers/*.[ch] transforms/*.[ch] \
    tests/*.[ch] 2>/dev/null)

report() {
	if [ -n "$2" ]; then
		echo "style: $1:"
		echo "$2" | sed 's/^/  /'
		status=1
	fi
}

for f in $files; do
	long=$(expand -t8 "$f" | awk -v f="$f" \
	    'length > 80 { print f ":" NR ": " length " columns" }')
	report "lines over 80 columns" "$long"
done
report "banned calls" "$(grep -nE \
    '\<(gets|strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|strncpy)\(' \
    $files)"
report "markers without an issue number" "$(grep -nE \
    'TODO|FIXME|(^|[^X])XXX([^X(]|$)' $files)"
report "printing or exiting outside main.c" "$(grep -nE \
    'fprintf\(stderr|[^_a-z]exit\(|[^_a-z]abort\(|[^a-z_]errx?\(|warnx?\(' \
    pipeline/*.c recognizers/*.c transforms/*.c | grep -v '^pipeline/main.c')"
report "// comments" "$(grep -nE '^\s*//|[;{}]\s*//' $files)"
report "typedef struct" "$(grep -n 'typedef struct' $files)"
# Every header compiles on its own (include what you use).
cflags="-std=c17 -D_GNU_SOURCE -iquote pipeline -iquote recognizers \
    -iquote transforms $(pkg-config --cflags icu-uc libpcre2-8 2>/dev/null)"
for h in pipeline/*.h recognizers/*.h transforms/*.h tests/*.h; do
	# shellcheck disable=SC2086
	out=$(echo "#include \"$h\"" | cc $cflags -iquote . -fsyntax-only \
	    -x c - 2>&1) || report "header does not compile alone: $h" "$out"
done
[ $status -eq 0 ] && echo "style: ok"
exit $status
