/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_keywords.c: the keywords the checker child runs, apart from its code
   so that the list reads as one table. */

#include <stddef.h>

#include "check.h"

#define VS "virtual_server."
#define RS VS "real_server."

/* What every checker but MISC_CHECK and FILE_CHECK has (check_sock.c,
   check_http.c, check_dns.c bind and connect with them). */
#define CONN(t) \
	t ".connect_timeout", t ".connect_ip", t ".connect_port", t ".bindto", \
	    t ".bind_port", t ".bind_if", t ".fwmark"
/* The frame's timing of every checker (check_sched.c). */
#define COMMON(t) \
	t ".retry", t ".delay_before_retry", t ".warmup", t ".delay_loop", \
	    t ".alpha", t ".log_all_failures"
/* url { } of HTTP_GET and SSL_GET.  fast_recovery is what every
   attempt does: it checks all urls at once. */
#define HTTP(t) \
	t, CONN(t), COMMON(t), t ".nb_get_retry", t ".virtualhost", \
	    t ".http_protocol", t ".enable_sni", t ".url", t ".url.path", \
	    t ".url.digest", t ".url.status_code", t ".url.virtualhost", \
	    t ".url.regex", t ".url.regex_no_match", t ".url.regex_options", \
	    t ".url.regex_min_offset", t ".url.regex_max_offset", \
	    t ".url.regex_stack", t ".fast_recovery"

/*
 * What this child runs of the language (see cfg_register_running): the
 * health of real servers and the virtual servers' decisions.  A keyword
 * the parser shares between checkers (TCP_CHECK's, PING_CHECK's and
 * SMTP_CHECK host's) is named by the first path it was used under, so
 * every path is listed.  Left out: the kernel service's settings, which
 * the IPVS child runs (core/vs_conf.c lists them); and what nothing runs
 * yet: ha_suspend, snmp_name (SNMP).  smtp_alert is run by the
 * parent's mail module, from the herald's events.
 * BFD_CHECK is refused by the configuration's validation.
 */
const char *const check_running_keywords[] = {
	"virtual_server_group",
	"virtual_server",
	VS "delay_loop",
	VS "virtualhost",
	VS "alpha",
	VS "omega",
	VS "quorum",
	VS "hysteresis",
	VS "weight",
	VS "sorry_server",
	VS "sorry_server_inhibit",
	VS "connect_timeout",
	VS "retry",
	VS "delay_before_retry",
	VS "warmup",
	VS "inhibit_on_failure",
	/* the parent's herald runs the scripts for this child
	   (check_herald_keywords) */
	VS "quorum_up",
	VS "quorum_down",
	VS "smtp_alert",
	VS "real_server",
	RS "weight",
	RS "inhibit_on_failure",
	RS "alpha",
	RS "retry",
	RS "delay_before_retry",
	RS "warmup",
	RS "connect_timeout",
	RS "delay_loop",
	RS "virtualhost",
	RS "notify_up",
	RS "notify_down",
	RS "smtp_alert",
	RS "TCP_CHECK",
	CONN(RS "TCP_CHECK"),
	COMMON(RS "TCP_CHECK"),
	HTTP(RS "HTTP_GET"),
	HTTP(RS "SSL_GET"),
	RS "SSL_GET.verify_certificate",
	RS "MISC_CHECK",
	COMMON(RS "MISC_CHECK"),
	RS "MISC_CHECK.misc_path",
	RS "MISC_CHECK.misc_timeout",
	RS "MISC_CHECK.misc_dynamic",
	RS "MISC_CHECK.user",
	RS "SMTP_CHECK",
	RS "SMTP_CHECK.helo_name",
	CONN(RS "SMTP_CHECK"),
	COMMON(RS "SMTP_CHECK"),
	RS "SMTP_CHECK.host",
	CONN(RS "SMTP_CHECK.host"),
	COMMON(RS "SMTP_CHECK.host"),
	RS "DNS_CHECK",
	CONN(RS "DNS_CHECK"),
	COMMON(RS "DNS_CHECK"),
	RS "DNS_CHECK.type",
	RS "DNS_CHECK.name",
	RS "UDP_CHECK",
	CONN(RS "UDP_CHECK"),
	COMMON(RS "UDP_CHECK"),
	RS "UDP_CHECK.payload",
	RS "UDP_CHECK.require_reply",
	RS "UDP_CHECK.min_reply_length",
	RS "UDP_CHECK.max_reply_length",
	RS "PING_CHECK",
	CONN(RS "PING_CHECK"),
	COMMON(RS "PING_CHECK"),
	RS "FILE_CHECK",
	RS "FILE_CHECK.track_file",
	RS "FILE_CHECK.weight",
	/* SSL_GET's client certificate and CA (check_http.c) */
	"SSL",
	"SSL.password",
	"SSL.ca",
	"SSL.certificate",
	"SSL.key",
	NULL,
};
