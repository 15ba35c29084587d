/* accesslog.c - the HMAC-chained access log (see accesslog.h). */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accesslog.h"
#include "crypto.h"
#include "err.h"

#define MAXLINE 8192			/* longest line accepted */
#define MAXLOG ((size_t)1 << 30)	/* largest log read */
#define MACHEX ((size_t)2 * CRYPTO_MACLEN)
#define MACSEP " mac="

/* Where the chain stands after the lines read so far. */
struct chain {
	unsigned long long seq;
	unsigned char mac[CRYPTO_MACLEN];
};

/* mac = HMAC(key, prev || u64be(seq) || body). */
static int
line_mac(const unsigned char *key, const struct chain *prev,
    unsigned long long seq, const char *body, size_t n,
    unsigned char mac[CRYPTO_MACLEN])
{
	struct crypto_part parts[3];
	unsigned char be[8];
	int i;

	for (i = 0; i < 8; i++)
		be[i] = (unsigned char)(seq >> (56 - 8 * i));
	parts[0].p = prev->mac;
	parts[0].n = CRYPTO_MACLEN;
	parts[1].p = be;
	parts[1].n = sizeof(be);
	parts[2].p = body;
	parts[2].n = n;
	return crypto_hmac_sha256(key, 32, parts, 3, mac);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Check one line (n bytes, without its newline) and advance ch. */
static int
line_check(const unsigned char *key, struct chain *ch, const char *s,
    size_t n)
{
	unsigned char mac[CRYPTO_MACLEN], got[CRYPTO_MACLEN];
	char want[32];
	size_t body, i;
	int w, hi, lo;

	if (n > MAXLINE || n < MACHEX + sizeof(MACSEP) - 1)
		return ERR_INTEGRITY;
	body = n - MACHEX - (sizeof(MACSEP) - 1);
	if (memcmp(s + body, MACSEP, sizeof(MACSEP) - 1) != 0)
		return ERR_INTEGRITY;
	for (i = 0; i < CRYPTO_MACLEN; i++) {
		hi = hexval((unsigned char)s[n - MACHEX + 2 * i]);
		lo = hexval((unsigned char)s[n - MACHEX + 2 * i + 1]);
		if (hi < 0 || lo < 0)
			return ERR_INTEGRITY;
		got[i] = (unsigned char)(hi << 4 | lo);
	}
	w = snprintf(want, sizeof(want), "seq=%llu ", ch->seq + 1);
	if (w < 0 || (size_t)w > body || memcmp(s, want, (size_t)w) != 0)
		return ERR_INTEGRITY;
	if (line_mac(key, ch, ch->seq + 1, s, body, mac) != 0)
		return ERR_CRYPTO;
	if (!crypto_equal(mac, got, CRYPTO_MACLEN))
		return ERR_INTEGRITY;
	ch->seq++;
	memcpy(ch->mac, mac, CRYPTO_MACLEN);
	return 0;
}

/* Verify the n bytes of log text in buf; ch gets the final state. */
static int
chain_walk(const unsigned char *key, const char *buf, size_t n,
    struct chain *ch, char *err, size_t errlen)
{
	const char *p = buf, *nl;
	int r;

	memset(ch, 0, sizeof(*ch));
	while ((size_t)(p - buf) < n) {
		nl = memchr(p, '\n', n - (size_t)(p - buf));
		r = nl == NULL ? ERR_INTEGRITY :
		    line_check(key, ch, p, (size_t)(nl - p));
		if (r != 0) {
			crypto_set_err(err, errlen,
			    "access log line %llu does not "
			    "verify", ch->seq + 1);
			return r;
		}
		p = nl + 1;
	}
	return 0;
}

/* Read the whole of fd (size bytes) from offset 0. */
static int
read_log(int fd, size_t size, char **out)
{
	char *buf;
	ssize_t got;
	size_t off = 0;

	if (size > MAXLOG)
		return ERR_TOOBIG;
	buf = malloc(size + 1);
	if (buf == NULL)
		return ERR_NOMEM;
	while (off < size) {
		got = pread(fd, buf + off, size - off, (off_t)off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			free(buf);
			return got == 0 ? ERR_INTEGRITY : ERR_IO;
		}
		off += (size_t)got;
	}
	*out = buf;
	return 0;
}

/* Append s (n bytes) to o escaped; o has room for 4 n + 1. */
static size_t
escape(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == '\\') {
			o[k++] = '\\';
			o[k++] = 'x';
			o[k++] = hex[c >> 4];
			o[k++] = hex[c & 15];
		} else {
			o[k++] = (char)c;
		}
	}
	o[k] = '\0';
	return k;
}

/* The effective user's name, escaped, or its uid. */
static void
user_name(char *o, size_t cap)
{
	struct passwd pw, *res = NULL;
	char buf[1024];
	uid_t uid = geteuid();

	if (getpwuid_r(uid, &pw, buf, sizeof(buf), &res) == 0 &&
	    res != NULL && strlen(pw.pw_name) < (cap - 1) / 4) {
		(void)escape(o, pw.pw_name, strlen(pw.pw_name));
		return;
	}
	(void)snprintf(o, cap, "%lu", (unsigned long)uid);
}

/* Format the next line (with its MAC and newline) into line. */
static int
line_make(const unsigned char *key, const struct chain *ch,
    const char *reason, size_t asked, size_t found, char *line,
    size_t cap, size_t *n)
{
	char when[32], user[256], why[4 * ACCESSLOG_MAXREASON + 1];
	unsigned char mac[CRYPTO_MACLEN];
	struct tm tm;
	time_t now = time(NULL);
	int w;
	size_t k, i;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return ERR_INTERNAL;
	user_name(user, sizeof(user));
	(void)escape(why, reason, strlen(reason));
	w = snprintf(line, cap, "seq=%llu time=%s user=%s asked=%zu "
	    "found=%zu reason=%s", ch->seq + 1, when, user, asked, found,
	    why);
	if (w < 0 || (size_t)w + sizeof(MACSEP) + MACHEX + 1 > cap)
		return ERR_TOOBIG;
	k = (size_t)w;
	if (line_mac(key, ch, ch->seq + 1, line, k, mac) != 0)
		return ERR_CRYPTO;
	memcpy(line + k, MACSEP, sizeof(MACSEP) - 1);
	k += sizeof(MACSEP) - 1;
	for (i = 0; i < CRYPTO_MACLEN; i++) {
		line[k++] = "0123456789abcdef"[mac[i] >> 4];
		line[k++] = "0123456789abcdef"[mac[i] & 15];
	}
	line[k++] = '\n';
	*n = k;
	return 0;
}

/* Open (or create) the log for appending, with the same checks. */
static int
open_log(const char *path, int *fd, size_t *size, int *created)
{
	struct stat st;
	int f;

	*created = 0;
	f = open(path, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (f < 0 && errno == ENOENT) {
		f = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		*created = f >= 0;
	}
	if (f < 0)
		return errno == ELOOP ? ERR_PERM : ERR_IO;
	if (fstat(f, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 022) != 0) {
		(void)close(f);
		return ERR_PERM;
	}
	if (flock(f, LOCK_EX) != 0 || fstat(f, &st) != 0) {
		(void)close(f);
		return ERR_IO;
	}
	*fd = f;
	*size = (size_t)st.st_size;
	return 0;
}

int
accesslog_append(const char *path, const unsigned char key[32],
    const char *reason, size_t asked, size_t found, char *err,
    size_t errlen)
{
	char line[MAXLINE + 1], *buf = NULL;
	struct chain ch;
	size_t size = 0, n = 0;
	int fd = -1, created = 0, r;

	if (reason == NULL || reason[0] == '\0' ||
	    strlen(reason) > ACCESSLOG_MAXREASON) {
		crypto_set_err(err, errlen,
		    "a reason of 1 to %d bytes is required",
		    ACCESSLOG_MAXREASON);
		return ERR_USAGE;
	}
	r = open_log(path, &fd, &size, &created);
	if (r != 0) {
		crypto_set_err(err, errlen,
		    r == ERR_PERM ? "'%s' must be a regular "
		    "file owned by you, not writable by others" :
		    "cannot open '%s'", path);
		return r;
	}
	r = read_log(fd, size, &buf);
	if (r == 0)
		r = chain_walk(key, buf, size, &ch, err, errlen);
	else
		crypto_set_err(err, errlen, "cannot read '%s'", path);
	if (r == 0) {
		r = line_make(key, &ch, reason, asked, found, line,
		    sizeof(line), &n);
		if (r != 0)
			crypto_set_err(err, errlen,
			    "cannot format the log line");
	}
	if (r == 0 && (write(fd, line, n) != (ssize_t)n ||
	    fdatasync(fd) != 0)) {
		crypto_set_err(err, errlen, "cannot append to '%s': %s", path,
		    strerror(errno));
		r = ERR_IO;
	}
	if (close(fd) != 0 && r == 0)
		r = ERR_IO;
	if (r == 0 && created)
		r = crypto_fsync_dir(path);
	free(buf);
	return r;
}

int
accesslog_verify(const char *path, const unsigned char key[32],
    char *err, size_t errlen)
{
	struct chain ch;
	struct stat st;
	char *buf = NULL;
	int fd, r;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		crypto_set_err(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return errno == ELOOP ? ERR_PERM : ERR_IO;
	}
	r = ERR_IO;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		r = read_log(fd, (size_t)st.st_size, &buf);
	(void)close(fd);
	if (r != 0) {
		crypto_set_err(err, errlen, "cannot read '%s'", path);
		return r;
	}
	r = chain_walk(key, buf, (size_t)st.st_size, &ch, err, errlen);
	free(buf);
	return r;
}
