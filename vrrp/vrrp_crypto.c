/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_crypto.c: HMAC-MD5 for VRRPv2 AH, from OpenSSL's libcrypto, which is
   loaded only when an instance first uses AH. */

#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "config.h"
#include "log.h"
#include "vrrp_pkt.h"

/*
 * libcrypto costs every start of the VRRP child several milliseconds of
 * relocation and 1.6 MB (bench/images), and only AH needs it: a child
 * that respawns after a crash must be quick, so the library comes with
 * the first AH packet, not with the program.
 */
static struct {
	bool tried;
	const EVP_MD *(*md5)(void);
	unsigned char *(*hmac)(const EVP_MD *, const void *, int,
	    const unsigned char *, size_t, unsigned char *, unsigned int *);
	int (*memcmp)(const void *, const void *, size_t);
} cr;

static bool
crypto_load(void)
{
	void *h;

	if (cr.tried)
		return cr.hmac != NULL;
	cr.tried = true;
	h = dlopen(VIGIL_LIBCRYPTO, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		log_warnx("AH authentication needs %s: %s", VIGIL_LIBCRYPTO,
		    dlerror());
		return false;
	}
	*(void **)&cr.md5 = dlsym(h, "EVP_md5");
	*(void **)&cr.hmac = dlsym(h, "HMAC");
	*(void **)&cr.memcmp = dlsym(h, "CRYPTO_memcmp");
	if (cr.md5 == NULL || cr.hmac == NULL || cr.memcmp == NULL) {
		log_warnx("AH authentication: %s lacks HMAC, EVP_md5 or "
		          "CRYPTO_memcmp",
		    VIGIL_LIBCRYPTO);
		cr.hmac = NULL;
		return false;
	}
	return true;
}

bool
vrrp_hmac_md5(const uint8_t *key, size_t keylen, const uint8_t *data,
    size_t len, uint8_t out[16])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	size_t i;

	if (!crypto_load() ||
	    cr.hmac(cr.md5(), key, (int)keylen, data, len, md, &mdlen) ==
	        NULL ||
	    mdlen != 16)
		return false;
	for (i = 0; i < 16; i++)
		out[i] = md[i];
	return true;
}

bool
vrrp_mem_equal(const void *a, const void *b, size_t len)
{
	return crypto_load() && cr.memcmp(a, b, len) == 0;
}
