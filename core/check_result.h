/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_result.h: the results of real-server checks, one table for all. */

#ifndef VIGIL_CHECK_RESULT_H
#define VIGIL_CHECK_RESULT_H

/*
 * What one attempt of a check found.  The checker child reports it in
 * msg_event.reason of a real server's event and in its snapshots; logs,
 * the data dump, SNMP and status output all print it through
 * check_result_info() (HAProxy's check_statuses[]), so the words never
 * differ between them.  Numbers are part of the message contract: add at
 * the end only.
 */
enum check_result {
	CHECK_R_NONE, /* not checked yet */
	CHECK_R_OK, /* the check passed */
	CHECK_R_TIMEOUT, /* no (complete) answer within connect_timeout */
	CHECK_R_REFUSED, /* connection refused (RST to the SYN) */
	CHECK_R_UNREACHABLE, /* ICMP unreachable, no route, host down */
	CHECK_R_RESET, /* the peer reset or closed before the answer */
	CHECK_R_SOCKET, /* a local error: socket, bind, bind_if, fwmark */
	CHECK_R_TLS_HANDSHAKE, /* the TLS handshake failed */
	CHECK_R_TLS_EXPIRED, /* certificate expired or not yet valid */
	CHECK_R_TLS_UNKNOWN_CA, /* certificate not from a trusted CA */
	CHECK_R_TLS_NAME, /* certificate not for the name checked */
	CHECK_R_TLS_VERIFY, /* another certificate verification failure */
	CHECK_R_HTTP_PROTOCOL, /* not a valid HTTP response */
	CHECK_R_HTTP_STATUS, /* a status code not in the url's list */
	CHECK_R_HTTP_DIGEST, /* the body's MD5 is not the url's digest */
	CHECK_R_HTTP_REGEX, /* regex did not match (or regex_no_match did) */
	CHECK_R_SMTP, /* an SMTP reply other than the one expected */
	CHECK_R_DNS, /* an error rcode, or a DNS error (no reply is a timeout) */
	CHECK_R_UDP_REPLY, /* no UDP reply, or not the one required */
	CHECK_R_PING, /* no echo reply */
	CHECK_R_SCRIPT_FAILED, /* MISC_CHECK exited 1 (or 2-255 if static) */
	CHECK_R_SCRIPT_TIMEOUT, /* MISC_CHECK ran past misc_timeout */
	CHECK_R_SCRIPT_EXEC, /* MISC_CHECK could not run (missing, refused) */
	CHECK_R_FILE_DOWN, /* FILE_CHECK's value says down */
	CHECK_R_FILE_MISSING, /* FILE_CHECK's file is missing or unreadable */
	CHECK_R_MAX
};

/* One line of the table. */
struct check_result_info {
	const char *class; /* "ok", "L4" (connect), "L6" (TLS), "L7"
			      (application), "script", "file", "local" */
	const char *code; /* a stable short word: "timeout", "refused" */
	const char *text; /* a phrase for logs: "connection refused" */
};

/* The row of r; a row of "?" words when r is out of range. */
const struct check_result_info *check_result_info(unsigned r);
/* Whether r is a pass. */
static inline int
check_result_ok(unsigned r)
{
	return r == CHECK_R_OK;
}

#endif
