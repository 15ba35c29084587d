/* cli.c - passphrases, atomic output, option values. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"

/*
 * Read the first line of fd with read(2), so no stdio copy remains.  A
 * line ending in "\r\n" (a file saved on Windows) loses its "\r" too,
 * and *cr says so; no other white space is touched.
 */
static int
read_line_fd(int fd, char *buf, int *cr)
{
	size_t n = 0;
	ssize_t got;
	char c = '\0';

	for (;;) {
		got = read(fd, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || c == '\n')
			break;
		if (n >= CLI_MAX_PASS) {
			explicit_bzero(buf, CLI_MAX_PASS + 1);
			return ERR_TOOBIG;
		}
		buf[n++] = c;
	}
	if (got > 0 && n > 0 && buf[n - 1] == '\r') {
		buf[--n] = '\0';
		*cr = 1;
	}
	buf[n] = '\0';
	if (got < 0)
		return ERR_IO;
	return (int)n;
}

static int
prompt_tty(const char *prompt, char *buf, int *cr)
{
	struct termios old, quiet;
	int fd, n;

	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return ERR_IO;
	if (tcgetattr(fd, &old) != 0) {
		(void)close(fd);
		return ERR_IO;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	(void)write(fd, prompt, strlen(prompt));
	(void)tcsetattr(fd, TCSAFLUSH, &quiet);

	n = read_line_fd(fd, buf, cr);

	(void)tcsetattr(fd, TCSAFLUSH, &old);
	(void)write(fd, "\n", 1);
	(void)close(fd);
	return n;
}

int
cli_read_pass(const struct cli_pass_src *src, const char *prompt,
    int confirm, char *buf, int *cr)
{
	char again[CLI_MAX_PASS + 1];
	int n, m, fd, cr2 = 0;

	*cr = 0;
	if (src->fd >= 0) {
		n = read_line_fd(src->fd, buf, cr);
	} else if (src->file != NULL) {
		fd = open(src->file, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return ERR_IO;
		n = read_line_fd(fd, buf, cr);
		(void)close(fd);
	} else {
		n = prompt_tty(prompt, buf, cr);
		if (n > 0 && confirm) {
			m = prompt_tty("again: ", again, &cr2);
			if (m != n || memcmp(again, buf, (size_t)n) != 0)
				n = ERR_USAGE;
			explicit_bzero(again, sizeof(again));
		}
	}
	if (n == 0)
		n = ERR_USAGE;
	if (n < 0) {
		explicit_bzero(buf, CLI_MAX_PASS + 1);
		*cr = 0;
	}
	return n;
}

int
cli_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n\f\v", *s) == NULL)
			return 0;
	return 1;
}

const char *
cli_plural(unsigned long long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
cli_format_for(const char *name, const char *path, enum record_format *out)
{
	if (name != NULL) {
		if (strcmp(name, "text") == 0)
			*out = RECORD_TEXT;
		else if (strcmp(name, "jsonl") == 0)
			*out = RECORD_JSONL;
		else if (strcmp(name, "csv") == 0)
			*out = RECORD_CSV;
		else
			return ERR_USAGE;
		return 0;
	}
	*out = RECORD_TEXT;
	if (path == NULL)
		return 0;
	if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
		*out = RECORD_JSONL;
	else if (ends_with(path, ".csv"))
		*out = RECORD_CSV;
	return 0;
}

/* A device, FIFO or socket: written in place, never replaced. */
static int
open_direct(struct cli_out *o, const char *path)
{
	o->path = strdup(path);
	if (o->path == NULL)
		return ERR_IO;
	o->fp = fopen(path, "w");
	if (o->fp == NULL) {
		free(o->path);
		o->path = NULL;
		return ERR_IO;
	}
	return 0;
}

/* A regular file: a temporary file in its directory, renamed later. */
/* The characters mkstemp replaces at the end of a temporary name. */
#define TMP_RANDOM	6

static int
open_tmp(struct cli_out *o, const char *path)
{
	size_t n;
	int fd;

	/* PATH.tmp- then mkstemp's six placeholder characters */
	n = strlen(path) + sizeof(".tmp-") + TMP_RANDOM;
	o->path = strdup(path);
	o->tmp = malloc(n);
	if (o->path == NULL || o->tmp == NULL)
		goto fail;
	(void)snprintf(o->tmp, n, "%s.tmp-", path);
	memset(o->tmp + n - 1 - TMP_RANDOM, 'X', TMP_RANDOM);
	o->tmp[n - 1] = '\0';

	fd = mkstemp(o->tmp);
	if (fd < 0)
		goto fail;
	o->fp = fdopen(fd, "w");
	if (o->fp == NULL) {
		(void)close(fd);
		(void)unlink(o->tmp);
		goto fail;
	}
	return 0;

fail:
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return ERR_IO;
}

/*
 * Renaming over a device (/dev/null, /dev/stdout) would replace it with
 * a regular file, so only regular files, or symbolic links to them (the
 * file they name is replaced), go through a temporary file.
 */
int
cli_out_open(struct cli_out *o, const char *path)
{
	struct stat st;
	char *real = NULL;
	int r;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return open_direct(o, path);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
		if (real == NULL)
			return open_direct(o, path);
	}
	r = open_tmp(o, real != NULL ? real : path);
	free(real);
	return r;
}

int
cli_out_commit(struct cli_out *o)
{
	int r = 0;

	if (o->fp == NULL)
		return ERR_IO;
	if (o->path == NULL) {
		r = fflush(o->fp) == 0 && !ferror(o->fp) ? 0 : ERR_IO;
		o->fp = NULL;
		return r;
	}
	if (o->tmp == NULL) {
		r = fflush(o->fp) == 0 && !ferror(o->fp) ? 0 : ERR_IO;
		if (fclose(o->fp) != 0)
			r = ERR_IO;
		free(o->path);
		memset(o, 0, sizeof(*o));
		return r;
	}

	if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)
		r = ERR_IO;
	if (fclose(o->fp) != 0)
		r = ERR_IO;
	o->fp = NULL;
	if (r == 0 && rename(o->tmp, o->path) != 0)
		r = ERR_IO;
	if (r != 0)
		(void)unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	return r;
}

void
cli_out_discard(struct cli_out *o)
{
	if (o->fp == NULL)
		return;
	if (o->path == NULL) {
		(void)fflush(o->fp);
		o->fp = NULL;
		return;
	}
	(void)fclose(o->fp);
	if (o->tmp != NULL)
		(void)unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

int
cli_parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	/* digits first: strtoull would skip blanks and take a sign */
	if (*s < '0' || *s > '9')
		return ERR_USAGE;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return ERR_USAGE;
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	default:
		break;
	}
	/* Check before shifting: 2^34 G must not wrap round to 0 or 1G. */
	if (*end != '\0' || v == 0 || v > (1ULL << 40) >> shift)
		return ERR_USAGE;
	*out = (size_t)(v << shift);
	return 0;
}
