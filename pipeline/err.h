/*
 * err.h - error codes shared by every veil module.
 *
 * Functions outside main.c return 0 on success or one of the negative
 * codes below; the text that explains a failure is kept on the module's
 * context and never contains note text.
 */
#ifndef VEIL_ERR_H
#define VEIL_ERR_H

enum {
	ERR_OK = 0,
	ERR_INTERNAL = -1,	/* a bug or an unexpected library failure */
	ERR_NOMEM = -2,		/* allocation failed */
	ERR_IO = -3,		/* read, write, fsync or rename failed */
	ERR_PARSE = -4,		/* a record is malformed (CSV, JSON) */
	ERR_UTF8 = -5,		/* a value is not valid UTF-8 or holds NUL */
	ERR_TOOBIG = -6,	/* a buffer or record passed its cap */
	ERR_USAGE = -7,		/* bad arguments or configuration */
	ERR_CRYPTO = -8,	/* OpenSSL failed */
	ERR_INTEGRITY = -9,	/* wrong key, tampered or truncated file */
	ERR_PERM = -10,		/* a key file has unsafe ownership or mode */
	ERR_NOTFOUND = -11	/* a looked-up item does not exist */
};

/* Exit statuses of the veil command (CONTRACT.md). */
enum {
	EXIT_OK = 0,		/* all records written */
	EXIT_REJECTED = 1,	/* one or more records rejected */
	EXIT_USAGE = 2,		/* usage or configuration error */
	EXIT_KEY = 3		/* key, keystore or integrity failure */
};

/*
 * err_str - a short, static, lower-case description of an ERR_* code.
 * Never NULL; unknown codes give "unknown error".
 */
const char *err_str(int code);

#endif
