#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lint.sh: static checks of the kernel-side sources.
#   1. checkpatch.pl --strict over module/ hooks/ scanner/ policy/ sources.
#      checkpatch.pl (+ spelling.txt, const_structs.checkpatch, .clang-format)
#      comes from Debian's linux-source-6.12 package, fetched with
#      apt-get download and unpacked into $KNUMA_CACHE/lint/ -- no kernel is
#      installed. Later runs use the cache.
#   2. sparse (make C=2 CHECK=sparse) for every supported kernel, counting
#      only warnings in our own files, not in kernel headers.
# Prints "lint: checkpatch N issues, sparse M warnings" and one PASS/FAIL
# line per tool; exits 1 if N+M > 0.
# Idempotent.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

LINT_DIR=$KNUMA_CACHE/lint
SRC_PKG=linux-source-6.12
# Unpacked members keep their path below $SRC_PKG/ (the tarball's prefix).
LINT_SRC=$LINT_DIR/$SRC_PKG
CHECKPATCH=$LINT_SRC/scripts/checkpatch.pl
LINT_FILES="scripts/checkpatch.pl scripts/spelling.txt
	    scripts/const_structs.checkpatch .clang-format"

# checkpatch checks that do not apply to an out-of-tree module. Deliberately
# empty; candidates considered and rejected:
#  - FILE_PATH_CHANGES (MAINTAINERS update) and the commit-message checks
#    only fire on patches, never with -f.
#  - SPDX_LICENSE_TAG: with --no-tree it checks only the comment style and
#    placement of the tag, which the kernel rules define for our files too.
#  - LINUX_VERSION_CODE: an out-of-tree module could need it, but knuma's
#    rule is feature probes instead (module/compat/compat.h), so keep it.
# Add a type here, with its reason, only if it cannot apply to us.
CHECKPATCH_IGNORE=()

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

have_lint_files() {
	local f
	for f in $LINT_FILES; do
		[ -s "$LINT_SRC/$f" ] || return 1
	done
}

fetch_checkpatch() {
	have_lint_files && return 0
	mkdir -p "$LINT_DIR"
	local deb
	deb=$(find "$LINT_DIR" -maxdepth 1 -name "${SRC_PKG}_*.deb" | sort -V | tail -n 1)
	if [ -z "$deb" ]; then
		log "lint: downloading $SRC_PKG (for checkpatch.pl)"
		# No package lists (fresh machine) or stale ones: update, retry once.
		apt-cache show "$SRC_PKG" >/dev/null 2>&1 || apt-get update -q >/dev/null
		(cd "$LINT_DIR" && apt-get download -q -o APT::Sandbox::User=root "$SRC_PKG" >/dev/null) ||
			{ apt-get update -q >/dev/null &&
			  (cd "$LINT_DIR" && apt-get download -q -o APT::Sandbox::User=root "$SRC_PKG" >/dev/null); } ||
			die "lint: apt-get download $SRC_PKG failed"
		deb=$(find "$LINT_DIR" -maxdepth 1 -name "${SRC_PKG}_*.deb" | sort -V | tail -n 1)
		[ -n "$deb" ] || die "lint: $SRC_PKG .deb not found in $LINT_DIR"
	fi
	log "lint: extracting checkpatch.pl from $(basename "$deb")"
	local members=() f
	for f in $LINT_FILES; do
		members+=("$SRC_PKG/$f")
	done
	# Stream the inner tarball; unpack into a scratch dir and move it into
	# place only when complete, so an interrupted run leaves no half cache.
	rm -rf "$LINT_DIR/.extract"
	mkdir -p "$LINT_DIR/.extract"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xOf - "./usr/src/$SRC_PKG.tar.xz" |
		tar -xJf - -C "$LINT_DIR/.extract" --wildcards --no-wildcards-match-slash "${members[@]}" ||
		die "lint: cannot extract ${members[*]} from $deb"
	rm -rf "$LINT_SRC"
	mv "$LINT_DIR/.extract/$SRC_PKG" "$LINT_SRC"
	rmdir "$LINT_DIR/.extract"
	have_lint_files || die "lint: $deb lacks some of: $LINT_FILES"
	# The four files are the cache; the 150 MB package is not needed again.
	rm -f "$deb"
}

run_checkpatch() {
	local files=() args=(--strict --no-tree --terse --show-types)
	shopt -s nullglob
	cd "$KNUMA_ROOT"
	files=(module/*.c module/*.h module/compat/*.h module/compat/probes/*.c
	       hooks/*.c scanner/*.c policy/*.c policy/*.h)
	shopt -u nullglob
	[ ${#CHECKPATCH_IGNORE[@]} -eq 0 ] ||
		args+=(--ignore "$(IFS=,; echo "${CHECKPATCH_IGNORE[*]}")")
	# Exits 1 when it finds something: the findings are what we want.
	perl "$CHECKPATCH" "${args[@]}" -f "${files[@]}" >"$tmp/checkpatch" || true
	grep -E '^[^ :]+:[0-9]+: (ERROR|WARNING|CHECK):' "$tmp/checkpatch" >"$tmp/cp-found" || true
	sed 's/^/checkpatch: /' "$tmp/cp-found"
	cd - >/dev/null
}

# run_sparse FLAVOUR: sparse every file of the module for that kernel;
# append our warnings, repo-relative and prefixed with the release, to
# $tmp/sparse-found.
run_sparse() {
	knuma_kernel_env "$1" || die "lint: no kernel tree for $1"
	local out=$KNUMA_ROOT/build/$KREL log=$tmp/sparse-$1.log
	log "lint: sparse, kernel $KREL"
	# C=2 checks every file, also those already compiled; the top Makefile's
	# command-line variables reach Kbuild through MAKEFLAGS.
	if ! make -C "$KNUMA_ROOT" --no-print-directory KVER="$KREL" KDIR="$KDIR" \
		C=2 CHECK=sparse >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "lint: build for $KREL failed"
	fi
	# Keep lines "$out/<our dir>/file:line:col: ..." (the sparse message and
	# its "expected/got" continuation lines), drop compiler warnings (they
	# end in [-W...]) and repeats (a header is checked once per .c).
	awk -v p="$out/" -v rel="$KREL" '
		index($0, p) != 1 { next }
		{ s = substr($0, length(p) + 1) }
		s !~ /^(module|hooks|scanner|policy)\/[^:]*:[0-9]+:/ { next }
		s ~ /\[-W[^]]*\]$/ { next }
		!seen[s]++ { print "sparse[" rel "]: " s }
	' "$log" | tee -a "$tmp/sparse-found"
}

fetch_checkpatch
run_checkpatch
: >"$tmp/sparse-found"
for f in $(knuma_among "$KNUMA_HOST_FLAVOURS"); do
	run_sparse "$f"
done

n=$(wc -l <"$tmp/cp-found")
m=$(grep -cE '^sparse\[[^]]*\]: [^:]+:[0-9]+:[0-9]+: (warning|error): ' "$tmp/sparse-found" || true)
echo "lint: checkpatch $n issues, sparse $m warnings"
# Result lines for scripts/check.sh.
if [ "$n" -eq 0 ]; then echo "PASS lint/checkpatch-strict"; else echo "FAIL lint/checkpatch-strict ($n issues)"; fi
if [ "$m" -eq 0 ]; then echo "PASS lint/sparse"; else echo "FAIL lint/sparse ($m warnings)"; fi
[ $((n + m)) -eq 0 ]
