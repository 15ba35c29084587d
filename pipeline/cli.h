/*
 * cli.h - helpers for main.c that need no printing: passphrases, atomic
 * output files, format names.
 */
#ifndef VEIL_CLI_H
#define VEIL_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "record.h"

#define CLI_MAX_PASS 1024

/* Where a passphrase comes from, in the order KEYSTORE.md gives. */
struct cli_pass_src {
	int fd;			/* --passphrase-fd, or -1 */
	const char *file;	/* --passphrase-file, or NULL */
	int none;		/* --no-passphrase */
};

/*
 * cli_read_pass - read a passphrase into buf (at most CLI_MAX_PASS
 * bytes, NUL-terminated) from src: the first line of the fd or file
 * (one trailing "\n" or "\r\n" stripped, nothing else), else a prompt
 * on /dev/tty with echo off (twice when confirm is set).  *cr is set to
 * 1 when a "\r" was stripped (key files made before it was may need it
 * back), else 0.  Returns the length, or a negative ERR_* (ERR_USAGE:
 * empty or mismatched; ERR_IO: no terminal).
 */
int cli_read_pass(const struct cli_pass_src *src, const char *prompt,
    int confirm, char *buf, int *cr);

/*
 * cli_blank - 1 when s is NULL, empty or only ASCII white space, else 0.
 */
int cli_blank(const char *s);

/*
 * cli_plural - one when n is 1, else many: "1 record", "2 records".
 */
const char *cli_plural(unsigned long long n, const char *one,
    const char *many);

/*
 * cli_format_for - the format named by --format (may be NULL) or by the
 * file name's extension.  Returns 0, or ERR_USAGE for an unknown name.
 */
int cli_format_for(const char *name, const char *path,
    enum record_format *out);

/* An output file that appears under its final name only when complete. */
struct cli_out {
	FILE *fp;
	char *path;	/* final name, or NULL for stdout */
	char *tmp;	/* temporary name; NULL: path is written in place */
};

/*
 * cli_out_open - open path for writing through a temporary file in the
 * same directory (path NULL or "-": standard output).  A path that names
 * a device, FIFO or socket (/dev/null) is written in place, never
 * replaced; a symbolic link to a regular file keeps the link and
 * replaces the file.  Returns 0 or ERR_IO.
 */
int cli_out_open(struct cli_out *o, const char *path);

/*
 * cli_out_commit - flush, fsync, close and rename into place (stdout:
 * flush and check).  Returns 0 or ERR_IO (the temporary file is
 * removed).
 */
int cli_out_commit(struct cli_out *o);

/*
 * cli_out_discard - close and remove the temporary file; nothing appears.
 */
void cli_out_discard(struct cli_out *o);

/*
 * cli_parse_size - "16M", "512k", "1G" or bytes.  Returns 0 or
 * ERR_USAGE.
 */
int cli_parse_size(const char *s, size_t *out);

#endif
