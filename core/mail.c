/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mail.c: the email module of the parent (vigil-mail.so), on libcurl
   (placeholder until its helper lands). */

#include <curl/curl.h>

#include "module.h"

static const char *
mail_info(void)
{
	return curl_version();
}

const struct vigil_module vigil_module = {
	.abi = VIGIL_MODULE_ABI,
	.name = "mail",
	.build_info = mail_info,
};
