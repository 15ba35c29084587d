/*
 * gen.c - the benchmark's synthetic notes, as JSONL or CSV.
 *
 * usage: gen jsonl|csv|text MEGABYTES [SEED]
 *
 * text writes one long document: every note, back to back.
 *
 * Names, streets and towns are built from invented syllables and every
 * number is drawn from a seeded generator, so the output is the same for
 * the same seed and holds no real or corpus identifier.  Not a test: it
 * feeds `make bench`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t gen_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	uint64_t x = gen_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	gen_state = x;
	return x;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)(next() % n);
}

static const char *const syl[] = {
	"bra", "cor", "del", "fen", "gal", "hob", "ith", "jor", "kel", "lum",
	"mar", "nov", "ost", "pel", "quin", "ros", "sal", "tor", "ulm", "vex",
	"wen", "yar", "zol", "an", "ber", "cha", "dun", "el", "fra", "gio",
};
#define NSYL (sizeof(syl) / sizeof(syl[0]))

/* A capitalised invented word of two or three syllables. */
static void
word(char *out, size_t n)
{
	unsigned k = 2 + pick(2), i;
	size_t len = 0;

	out[0] = '\0';
	for (i = 0; i < k; i++) {
		const char *s = syl[pick(NSYL)];
		size_t m = strlen(s);

		if (len + m + 1 > n)
			break;
		memcpy(out + len, s, m + 1);
		len += m;
	}
	out[0] = (char)(out[0] - 'a' + 'A');
}

static const char *const body[] = {
	"Patient seen in clinic for follow-up of hypertension and type 2 "
	"diabetes. BP 132/84, HR 76, A1c 7.4. Continue metformin 1000 mg "
	"twice daily and lisinopril 20 mg daily. Pain 3/10. Strength 5/5.",
	"Chest x-ray shows no acute cardiopulmonary process. Lungs are "
	"clear. Heart size normal. No pleural effusion or pneumothorax.",
	"Discussed plan of care with the family at bedside. Questions "
	"answered. Will continue IV antibiotics and reassess in the morning.",
	"Physical therapy evaluation: ambulates 150 feet with rolling "
	"walker, contact guard assist. MoCA 24/30. Recommend home PT.",
};
#define NBODY (sizeof(body) / sizeof(body[0]))

/* One note of free text with identifiers of many kinds. */
static void
note(char *out, size_t n)
{
	char f[32], l[32], rel[32], doc[32], st[32], town[32];

	word(f, sizeof(f));
	word(l, sizeof(l));
	word(rel, sizeof(rel));
	word(doc, sizeof(doc));
	word(st, sizeof(st));
	word(town, sizeof(town));
	(void)snprintf(out, n,
	    "PROGRESS NOTE %02u/%02u/20%02u\nPatient: %s, %s   MRN %07u\n"
	    "DOB: %u/%u/19%02u\n%s\nSeen by Dr. %s %s, MD. Daughter %s "
	    "%s can be reached at (%03u) 555-%04u.\nAddress: %u %s Street, "
	    "%s, OH 4%04u. Email %s.%s@example.org.\n%s\n",
	    1 + pick(12), 1 + pick(28), 10 + pick(15), l, f,
	    1000000 + pick(8999999), 1 + pick(12), 1 + pick(28), 20 + pick(79),
	    body[pick(NBODY)], doc, l, rel, l, 201 + pick(700), pick(10000),
	    1 + pick(9999), st, town, pick(10000), f, l, body[pick(NBODY)]);
}

/* Print text as a JSON string body: only newlines need escaping. */
static unsigned long long
put_json(const char *text)
{
	unsigned long long n = 0;

	for (; *text != '\0'; text++) {
		if (*text == '\n') {
			fputs("\\n", stdout);
			n += 2;
		} else {
			putchar(*text);
			n++;
		}
	}
	return n;
}

int
main(int argc, char **argv)
{
	char note_text[2048];
	unsigned long long target, written = 0, id = 0;
	int csv, text;

	if (argc < 3) {
		fprintf(stderr, "usage: gen jsonl|csv|text MEGABYTES [SEED]\n");
		return 2;
	}
	csv = strcmp(argv[1], "csv") == 0;
	text = strcmp(argv[1], "text") == 0;
	target = strtoull(argv[2], NULL, 10) << 20;
	if (argc > 3)
		gen_state ^= strtoull(argv[3], NULL, 10) *
		    0x2545f4914f6cdd1dULL;

	if (csv)
		written += (unsigned long long)printf(
		    "note_id,patient_id,category,text\n");
	while (written < target) {
		note(note_text, sizeof(note_text));
		id++;
		if (text)
			written += (unsigned long long)printf("%s\n",
			    note_text);
		else if (csv)
			written += (unsigned long long)printf(
			    "%llu,p%05u,Progress,\"%s\"\n", id, pick(50000),
			    note_text);
		else {
			written += (unsigned long long)printf(
			    "{\"id\": \"n%llu\", \"patient_id\": \"p%05u\", "
			    "\"text\": \"", id, pick(50000));
			written += put_json(note_text) + 3;
			fputs("\"}\n", stdout);
		}
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
