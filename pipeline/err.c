/* err.c - descriptions of the shared error codes. */
#include "err.h"

const char *
err_str(int code)
{
	switch (code) {
	case ERR_OK:
		return "success";
	case ERR_INTERNAL:
		return "internal error";
	case ERR_NOMEM:
		return "out of memory";
	case ERR_IO:
		return "input/output error";
	case ERR_PARSE:
		return "malformed record";
	case ERR_UTF8:
		return "invalid UTF-8 or NUL byte";
	case ERR_TOOBIG:
		return "record too large";
	case ERR_USAGE:
		return "usage error";
	case ERR_CRYPTO:
		return "cryptographic library failure";
	case ERR_INTEGRITY:
		return "integrity check failed";
	case ERR_PERM:
		return "unsafe file permissions";
	case ERR_NOTFOUND:
		return "not found";
	default:
		return "unknown error";
	}
}
