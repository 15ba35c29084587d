#!/bin/sh
# make bench: veil's throughput on generated notes.  A benchmark, never a
# test: it prints figures and fails only if veil itself fails.
#
#   BENCH_MB=100 (size of each input), BENCH_THREADS (default: all cores)
#
# With more than one thread, jsonl and csv are also run on one thread,
# and the ratio of the two speeds is printed (near-linear scaling: near
# the number of threads).
#
# jsonl and csv: many notes; text: the same notes as one document, which
# veil scans in windows (the huge-record case).
set -eu
veil=${1:-./veil}
mb=${BENCH_MB:-100}
threads=${BENCH_THREADS:-$(nproc)}
dir=build/bench
mkdir -p "$dir"

[ -x build/gen ] || cc -std=c17 -O2 -o build/gen tests/gen.c
[ -f "$dir/key" ] || "$veil" keygen -q --no-passphrase -o "$dir/key"

# seconds as a decimal from GNU time's %e, peak RSS in KiB from %M
measure() {
	/usr/bin/time -f '%e %M' -o "$dir/time" "$@" >/dev/null
	cat "$dir/time"
}

for fmt in jsonl csv text; do
	in=$dir/notes-$mb.$fmt
	[ -f "$in" ] || build/gen "$fmt" "$mb" 1 >"$in"
	bytes=$(stat -c %s "$in")
	case $fmt in
	jsonl) records=$(wc -l <"$in") ;;
	csv) records=$(grep -c '^[0-9]*,p[0-9]*,' "$in") ;;
	*) records=1 ;;	# one document of $mb MB, scanned in windows
	esac
	cat "$in" >/dev/null	# warm the page cache for both runs

	set -- $(measure wc -w "$in")
	wc_s=$1
	rm -rf "$dir/ks"
	set -- $(measure "$veil" scrub -q --threads "$threads" \
	    -k "$dir/key" -K "$dir/ks" -o /dev/null "$in")
	veil_s=$1
	rss=$2
	one_s=0
	if [ "$threads" -gt 1 ] && [ "$fmt" != text ]; then
		rm -rf "$dir/ks"
		set -- $(measure "$veil" scrub -q --threads 1 \
		    -k "$dir/key" -K "$dir/ks" -o /dev/null "$in")
		one_s=$1
	fi
	awk -v b="$bytes" -v r="$records" -v v="$veil_s" -v w="$wc_s" \
	    -v m="$rss" -v f="$fmt" -v t="$threads" -v o="$one_s" 'BEGIN {
		if (v <= 0) v = 0.01;
		if (w <= 0) w = 0.01;
		printf "%-5s %6.1f MB  %8d records  threads %d\n", f,
		    b / 1048576, r, t;
		printf "      veil scrub %7.2f s  %7.2f MB/s  %9.1f records/s" \
		    "  peak RSS %.0f MB\n", v, b / 1048576 / v, r / v, m / 1024;
		printf "      wc -w      %7.2f s  %7.2f MB/s  ratio veil/wc " \
		    "%.3f\n", w, b / 1048576 / w, w / v;
		if (o > 0)
			printf "      1 thread   %7.2f s  %7.2f MB/s  scaling " \
			    "%d threads / 1: %.2fx\n", o, b / 1048576 / o, t,
			    o / v;
	}'
done
