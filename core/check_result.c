/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_result.c: the one table of check results' words. */

#include <stddef.h>

#include "check_result.h"

static const struct check_result_info results[CHECK_R_MAX] = {
	[CHECK_R_NONE] = { "none", "none", "not checked yet" },
	[CHECK_R_OK] = { "ok", "ok", "check passed" },
	[CHECK_R_TIMEOUT] = { "L4", "timeout", "no answer in time" },
	[CHECK_R_REFUSED] = { "L4", "refused", "connection refused" },
	[CHECK_R_UNREACHABLE] = { "L4", "unreachable", "host unreachable" },
	[CHECK_R_RESET] = { "L4", "reset", "connection reset or closed" },
	[CHECK_R_SOCKET] = { "local", "socket", "local socket error" },
	[CHECK_R_TLS_HANDSHAKE] = { "L6", "tls-handshake",
	    "TLS handshake failed" },
	[CHECK_R_TLS_EXPIRED] = { "L6", "tls-expired",
	    "certificate expired or not yet valid" },
	[CHECK_R_TLS_UNKNOWN_CA] = { "L6", "tls-unknown-ca",
	    "certificate from an unknown CA" },
	[CHECK_R_TLS_NAME] = { "L6", "tls-name", "certificate name mismatch" },
	[CHECK_R_TLS_VERIFY] = { "L6", "tls-verify",
	    "certificate verification failed" },
	[CHECK_R_HTTP_PROTOCOL] = { "L7", "http-protocol",
	    "invalid HTTP response" },
	[CHECK_R_HTTP_STATUS] = { "L7", "http-status",
	    "unexpected HTTP status" },
	[CHECK_R_HTTP_DIGEST] = { "L7", "http-digest", "body digest mismatch" },
	[CHECK_R_HTTP_REGEX] = { "L7", "http-regex", "body regex mismatch" },
	[CHECK_R_SMTP] = { "L7", "smtp", "unexpected SMTP reply" },
	[CHECK_R_DNS] = { "L7", "dns", "DNS query failed" },
	[CHECK_R_UDP_REPLY] = { "L7", "udp-reply",
	    "no or unexpected UDP reply" },
	[CHECK_R_PING] = { "L4", "ping", "no echo reply" },
	[CHECK_R_SCRIPT_FAILED] = { "script", "script-failed",
	    "check script failed" },
	[CHECK_R_SCRIPT_TIMEOUT] = { "script", "script-timeout",
	    "check script timed out" },
	[CHECK_R_SCRIPT_EXEC] = { "script", "script-exec",
	    "check script could not run" },
	[CHECK_R_FILE_DOWN] = { "file", "file-down", "tracked file says down" },
	[CHECK_R_FILE_MISSING] = { "file", "file-missing",
	    "tracked file unreadable" },
};

static const struct check_result_info unknown = { "?", "?", "?" };

const struct check_result_info *
check_result_info(unsigned r)
{
	if (r >= CHECK_R_MAX || results[r].code == NULL)
		return &unknown;
	return &results[r];
}
