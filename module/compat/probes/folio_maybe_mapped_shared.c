// SPDX-License-Identifier: GPL-2.0
/* v6.15: folio_maybe_mapped_shared() replaced folio_likely_mapped_shared(). */
#include <linux/mm.h>
bool knuma_probe(struct folio *folio);
bool knuma_probe(struct folio *folio)
{
	return folio_maybe_mapped_shared(folio);
}
