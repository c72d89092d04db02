# SPDX-License-Identifier: GPL-2.0
# Common settings for the knuma test bed scripts (sourced, not run).

KNUMA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KNUMA_CACHE=${KNUMA_CACHE:-$KNUMA_ROOT/.cache}
KNUMA_BUILD=${KNUMA_BUILD:-$KNUMA_ROOT/build}

# Debian metapackages that name the kernels we support, and the suite each
# comes from: its kernel is fetched and built in a root of that suite
# (scripts/buildroot.sh), with the compiler the kernel was built with.
#   6.1, 6.12   Debian 12 (bookworm)
#   6.12-d13    Debian 13 (trixie)
#   7.3         trixie-backports
#   7.2         sid
# The -rt ones are fetched headers-only: knuma refuses to build for them
# (Kbuild, dkms.conf), and scripts/test-dkms.sh shows it does.
declare -A KNUMA_IMAGE_META=([6.1]=linux-image-amd64 [6.12]=linux-image-6.12-amd64
	[6.12-d13]=linux-image-amd64 [7.3]=linux-image-amd64 [7.2]=linux-image-amd64
	[6.1-rt]=linux-image-rt-amd64 [6.12-rt]=linux-image-6.12-rt-amd64)
declare -A KNUMA_SUITE=([6.1]=bookworm [6.12]=bookworm [6.12-d13]=trixie
	[7.3]=trixie-backports [7.2]=sid [6.1-rt]=bookworm [6.12-rt]=bookworm)
# Every kernel: fetched, built in its root and booted by make check.
KNUMA_FLAVOURS=${KNUMA_FLAVOURS:-"6.1 6.12 6.12-d13 7.2 7.3"}
# Those also built with the host's own tools (DKMS, the .deb, the fresh-root
# rehearsal, sparse): Debian 12's, the host's release.
KNUMA_HOST_FLAVOURS=${KNUMA_HOST_FLAVOURS:-"6.1 6.12"}
# Those that get the whole VM suite; the others get the core tests
# (KNUMA_CORE_TESTS, scripts/check.sh).
KNUMA_FULL_FLAVOURS=${KNUMA_FULL_FLAVOURS:-"6.1 6.12"}
KNUMA_CORE_TESTS=load,refusal,params,scan-follow,scan-incontext,mig-async,mig-checksum,cycles,cpuset,mig-wmark,health
KNUMA_RT_FLAVOURS=${KNUMA_RT_FLAVOURS-"6.1-rt 6.12-rt"}

# knuma_among LIST: the flavours of LIST that are in KNUMA_FLAVOURS (so that
# KNUMA_FLAVOURS=6.12 limits every loop).
knuma_among() {
	local f
	for f in $1; do
		case " $KNUMA_FLAVOURS " in *" $f "*) printf '%s ' "$f" ;; esac
	done
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# knuma_kernel_env FLAVOUR: source the env file written by fetch-kernel.sh
# (KREL, VMLINUZ, KDIR, KROOT).
knuma_kernel_env() {
	local f="$KNUMA_CACHE/kernels/$1.env"
	[ -r "$f" ] || "$KNUMA_ROOT/scripts/fetch-kernel.sh" "$1" >&2 || return 1
	# shellcheck disable=SC1090
	. "$f"
	KSUITE=${KSUITE:-${KNUMA_SUITE[$1]}}
}

# knuma_kmake FLAVOUR [MAKE-ARG...]: make in the project tree for FLAVOUR's
# kernel (KVER), inside the build root of its suite (scripts/buildroot.sh):
# the compiler is the one the kernel was built with, whatever the host has.
knuma_kmake() {
	knuma_kernel_env "$1" || return 1
	shift
	# The kernel's build dependencies (fetch-kernel.sh), in case the root
	# was made again since: a no-op when they are there.
	# shellcheck disable=SC2046
	"$KNUMA_ROOT/scripts/buildroot.sh" "$KSUITE" ensure \
		$(cat "$KNUMA_CACHE/kernels/$KREL/host-deps") || return 1
	"$KNUMA_ROOT/scripts/buildroot.sh" "$KSUITE" run \
		make -C "$KNUMA_ROOT" --no-print-directory KVER="$KREL" "$@"
}
