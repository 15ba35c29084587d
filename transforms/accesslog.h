/*
 * accesslog.h - an append-only, HMAC-chained log of re-identification
 * requests (KEYSTORE.md (b), "Audit log").
 *
 * Each line is
 *
 *   seq=N time=YYYY-MM-DDTHH:MM:SSZ user=U asked=A found=F reason=R
 *   mac=H
 *
 * on one line, where H is the hex of mac_N = HMAC-SHA256(K_audit,
 * mac_{N-1} || u64be(N) || the line up to " mac="), mac_0 is 32 zero
 * bytes and N counts from 1.  The user and the reason are escaped: bytes
 * below 0x20, 0x7f and backslash become \xHH.  Values never go in.
 * Deleting the tail of the log is only caught with an out-of-band copy
 * of the last MAC.
 */
#ifndef VEIL_ACCESSLOG_H
#define VEIL_ACCESSLOG_H

#include <stddef.h>

#define ACCESSLOG_MAXREASON 1024	/* longest reason, in bytes */

/*
 * accesslog_append - verify the log at path (created 0600 if missing,
 * never through a symbolic link) under key (K_audit, 32 bytes), then
 * append one line for a request with reason (non-empty, at most
 * ACCESSLOG_MAXREASON bytes), asked and found counts, in one write(2)
 * followed by fdatasync.  The file is locked (flock) meanwhile, so
 * concurrent requests chain in turn.  Returns 0, ERR_USAGE (bad
 * reason), ERR_INTEGRITY (the existing log does not verify), ERR_PERM,
 * ERR_IO or ERR_CRYPTO; err (errlen bytes) says why.
 */
int accesslog_append(const char *path, const unsigned char key[32],
    const char *reason, size_t asked, size_t found, char *err,
    size_t errlen);

/*
 * accesslog_verify - check every line of the log at path under key.
 * Returns 0, ERR_INTEGRITY (err names the first bad line), ERR_IO or
 * ERR_CRYPTO.
 */
int accesslog_verify(const char *path, const unsigned char key[32],
    char *err, size_t errlen);

#endif
