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
# The host's own kernels, those of its Debian release: also built with the
# host's own tools (DKMS, the .deb, the fresh-root rehearsal, sparse; their
# build dependencies are installed on the host too), and the one make demo
# boots. Debian 13 (trixie): its 6.12; otherwise Debian 12's.
knuma_host_suite() {
	(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
}
case $(knuma_host_suite) in
trixie) knuma_host_default=6.12-d13 knuma_demo_default=6.12-d13 ;;
*) knuma_host_default="6.1 6.12" knuma_demo_default=6.12 ;;
esac
KNUMA_HOST_FLAVOURS=${KNUMA_HOST_FLAVOURS:-$knuma_host_default}
KNUMA_DEMO_FLAVOUR=${KNUMA_DEMO_FLAVOUR:-$knuma_demo_default}
# Those that get the whole VM suite, the oldest and the newest kernel; the
# others get the core tests (KNUMA_CORE_TESTS, scripts/check.sh).
KNUMA_FULL_FLAVOURS=${KNUMA_FULL_FLAVOURS:-"6.1 7.3"}
KNUMA_CORE_TESTS=load,refusal,untested,params,scan-follow,scan-incontext,scan-local,mig-async,mig-checksum,cycles,cpuset,mig-wmark,health
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

# knuma_build_untested FLAVOUR: knuma.ko for FLAVOUR's kernel as if it were
# outside the tested series (module/kernels.mk narrowed to 1.0-1.0) and
# built with KNUMA_ALLOW_UNTESTED=1, into build/<release>-untested/: the
# guest test "untested" loads it and expects the "untested kernel" warning.
knuma_build_untested() {
	knuma_kernel_env "$1" || return 1
	knuma_kmake "$1" -s OUT="$KNUMA_BUILD/$KREL-untested" KNUMA_ALLOW_UNTESTED=1 \
		KNUMA_KERNEL_MIN=1.0 KNUMA_KERNEL_MAX=1.0 module
}
