// SPDX-License-Identifier: GPL-2.0
/*
 * A fixed-size set of non-zero keys (folio addresses): open addressing with
 * linear probing and backward-shift deletion, so it needs no tombstones and
 * never allocates. The async migration queue uses it to hold each folio
 * once: a queued folio that faults again is not queued twice (a second
 * reference would make its migration fail on the reference count).
 * The caller sizes it to at least twice the number of keys it will hold.
 */
#include "policy.h"

static unsigned int knuma_ptrset_home(const struct knuma_ptrset *s,
				      unsigned long key)
{
	return (unsigned int)(((unsigned long long)key * 0x9E3779B97F4A7C15ULL) >>
			      (64 - s->bits));
}

/* Slot of @key, or of the empty slot where the probe for it ends. */
static unsigned int knuma_ptrset_find(const struct knuma_ptrset *s,
				      unsigned long key)
{
	unsigned int mask = (1U << s->bits) - 1, i = knuma_ptrset_home(s, key);

	while (s->slots[i] && s->slots[i] != key)
		i = (i + 1) & mask;
	return i;
}

/**
 * knuma_ptrset_add() - add a key
 * @s: the set, never full
 * @key: non-zero key
 *
 * Return: true if added, false if it was there already.
 */
bool knuma_ptrset_add(struct knuma_ptrset *s, unsigned long key)
{
	unsigned int i = knuma_ptrset_find(s, key);

	if (s->slots[i])
		return false;
	s->slots[i] = key;
	s->count++;
	return true;
}

/**
 * knuma_ptrset_has() - is a key in the set?
 * @s: the set
 * @key: non-zero key
 *
 * Return: true when present.
 */
bool knuma_ptrset_has(const struct knuma_ptrset *s, unsigned long key)
{
	return s->slots[knuma_ptrset_find(s, key)] == key;
}

/**
 * knuma_ptrset_del() - remove a key
 * @s: the set
 * @key: non-zero key
 *
 * Later keys of the same probe run move back into the hole, so every key
 * stays reachable from its home slot.
 *
 * Return: true if it was present.
 */
bool knuma_ptrset_del(struct knuma_ptrset *s, unsigned long key)
{
	unsigned int mask = (1U << s->bits) - 1, i, j, h;

	i = knuma_ptrset_find(s, key);
	if (s->slots[i] != key)
		return false;
	for (j = (i + 1) & mask; s->slots[j]; j = (j + 1) & mask) {
		h = knuma_ptrset_home(s, s->slots[j]);
		/* Move slots[j] back unless its home lies cyclically in (i, j]. */
		if (i <= j ? (h <= i || h > j) : (h <= i && h > j)) {
			s->slots[i] = s->slots[j];
			i = j;
		}
	}
	s->slots[i] = 0;
	s->count--;
	return true;
}
