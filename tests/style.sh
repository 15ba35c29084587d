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
[ $status -eq 0 ] && echo "style: ok"
exit $status
