#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-fresh-root.sh [bookworm|trixie]: the README's set-up on a freshly
# installed Debian 12 (default) or Debian 13, rehearsed in a chroot as root.
# A minimal root of that release (debootstrap --variant=minbase, the apt
# sources of a standard install: main, SUITE-updates, SUITE-security) gets
# the clean tree (git archive HEAD) in /root/knuma, and runs there, for the
# kernels of that release (KNUMA_HOST_FLAVOURS as lib.sh sets it inside the
# root: Debian 12's 6.1 and 6.12, or Debian 13's 6.12), in order:
#   deps      scripts/deps.sh
#   fetch     scripts/fetch-kernel.sh for every flavour (+ their host deps)
#   build-F   make KVER=<release> module, for every flavour
#   dkms-F    make dkms-install KVER=<release> into private DKMS trees
#   demo      make demo (the 2-node TCG VM inside the chroot)
# Only the debootstrapped base is cached ($KNUMA_CACHE/fresh-root/); the
# root, and all the project installs or downloads into it, starts from
# scratch each run. Any failure names the missing command, package or file
# when the log shows one. Prints the time of each phase (also in
# build/fresh-root-SUITE/phases.log) and ends with "fresh-root: PASS|FAIL ...";
# exit status 1 on failure. The root stays in build/fresh-root-SUITE/root after a
# failure, for a look inside.
# KNUMA_DEPS_EXCLUDE="pkg ..." reaches scripts/deps.sh in the chroot (only
# for the negative test: KNUMA_DEPS_EXCLUDE=pahole must fail the 6.12 build).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT"
t_all=$(date +%s)

SUITE=${1:-bookworm}
case $SUITE in
bookworm) NAME=host/fresh-root-debian12 ;;
trixie) NAME=host/fresh-root-debian13 ;;
*) die "usage: test-fresh-root.sh [bookworm|trixie]" ;;
esac
MIRROR=http://deb.debian.org/debian
base=$KNUMA_CACHE/fresh-root/$SUITE-minbase.tar
work=$KNUMA_BUILD/fresh-root-$SUITE
root=$work/root
plog=$work/phases.log

[ "$(id -u)" -eq 0 ] || die "fresh-root: needs root (debootstrap, chroot, mounts)"
command -v debootstrap >/dev/null || die "fresh-root: no debootstrap (scripts/deps.sh installs it)"
git -C "$KNUMA_ROOT" rev-parse --verify -q HEAD >/dev/null ||
	die "fresh-root: $KNUMA_ROOT is not a git tree (the rehearsal copies git archive HEAD)"

# Mount points below $root, deepest first.
mounts_below() {
	awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}
umount_all() {
	local m
	for m in $(mounts_below); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
	[ -z "$(mounts_below)" ] || die "fresh-root: still mounted below $root: $(mounts_below)"
}
trap umount_all EXIT
trap 'exit 130' INT TERM HUP

# The cached base: debootstrap once, keep it as a tarball; a month old, it is
# made again (a fresh install gets the current point release).
if [ ! -s "$base" ] || [ -n "$(find "$base" -mtime +30)" ]; then
	log "fresh-root: debootstrap --variant=minbase $SUITE (cached as $base)"
	t0=$(date +%s)
	mkdir -p "$(dirname "$base")" "$work"
	rm -rf "$work/base"
	debootstrap --variant=minbase "$SUITE" "$work/base" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$work/debootstrap.log" >&2; die "fresh-root: debootstrap failed"; }
	tar -C "$work/base" -cf "$base.tmp" . && mv "$base.tmp" "$base"
	rm -rf "$work/base"
	log "fresh-root: base root in $(($(date +%s) - t0)) s"
fi

umount_all
t0=$(date +%s)
rm -rf --one-file-system "$root"
mkdir -p "$root" && : >"$plog"
# The root's / is a mount point, as on a real machine: the build roots'
# private mount namespaces (scripts/buildroot.sh, unshare --propagation
# private) need one.
mount --bind "$root" "$root" && mount --make-private "$root"
tar -C "$root" -xf "$base"
cat >"$root/etc/apt/sources.list" <<EOT
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb http://security.debian.org/debian-security $SUITE-security main
EOT
cp /etc/resolv.conf "$root/etc/resolv.conf"
# As on a real machine, installed packages start no services (there is no
# init in the chroot to run them).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mkdir -p "$root/root/knuma"
git -C "$KNUMA_ROOT" archive HEAD | tar -C "$root/root/knuma" -xf -
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys"
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
echo "root $(($(date +%s) - t0)) s (base unpacked, sources, tree)" | tee -a "$plog"

# in_root CMD: run CMD with bash in /root/knuma of the fresh root, with a
# login-like environment (nothing of ours leaks in).
in_root() {
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		KNUMA_DEPS_EXCLUDE="${KNUMA_DEPS_EXCLUDE:-}" \
		/bin/bash -c "set -euo pipefail; cd /root/knuma; $1"
}

# What a failed phase lacked, from its log: a command, a package, a file.
missing_in() {
	{
		sed -nE 's/.*(^|[ :])([A-Za-z0-9_.+-]+): (command )?not found.*/missing command: \2/p' "$1"
		sed -nE 's/.*Unable to locate package ([^ ]+).*/missing package: \1/p' "$1"
		sed -nE 's/.*fatal error: ([^:]+): No such file or directory.*/missing file: \1/p' "$1"
		sed -nE "s/.*[Cc]annot find -l([A-Za-z0-9_+-]+).*/missing library: lib\1/p" "$1"
	} | sort -u | head -n 5
}

# phase NAME CMD: one step of the set-up; the first failure ends the run.
phase() {
	local name=$1 t0 rc=0 miss
	t0=$(date +%s)
	log "fresh-root: $name: ${2%%$'\n'*}"
	in_root "$2" >"$work/$name.log" 2>&1 || rc=$?
	echo "$name $(($(date +%s) - t0)) s (rc $rc)" | tee -a "$plog"
	[ $rc -eq 0 ] && return 0
	tail -n 20 "$work/$name.log"
	miss=$(missing_in "$work/$name.log")
	[ -z "$miss" ] || printf 'fresh-root: %s: %s\n' "$name" "${miss//$'\n'/, }"
	echo "fresh-root: FAIL $NAME: $name failed${miss:+: ${miss//$'\n'/, }} (see $work/$name.log)"
	exit 1
}

phase deps "scripts/deps.sh"
# The release's own kernels, as the tree sees them inside the root.
hosts=$(knuma_among "$(in_root '. scripts/lib.sh; echo "$KNUMA_HOST_FLAVOURS"')")
[ -n "$hosts" ] || die "fresh-root: no kernel of $SUITE among KNUMA_FLAVOURS ($KNUMA_FLAVOURS)"
for f in $hosts; do
	phase "fetch-$f" "scripts/fetch-kernel.sh $f"
done
for f in $hosts; do
	phase "build-$f" ". .cache/kernels/$f.env; make KVER=\$KREL module"
done
for f in $hosts; do
	phase "dkms-$f" ". .cache/kernels/$f.env; d=/tmp/dkms-$f; mkdir -p \$d/src \$d/tree \$d/lib/\$KREL
		make dkms-install KVER=\$KREL DKMS_SOURCETREE=\$d/src DKMS_TREE=\$d/tree \
			DKMS_INSTALLTREE=\$d/lib DKMS_ARGS='--no-depmod -j 1'
		find \$d/lib/\$KREL -name 'knuma.ko*' | grep -q . ||
			{ echo \"no knuma.ko installed under \$d/lib/\$KREL\"; exit 1; }"
done
phase demo "make demo"
# The root is 2-3 GB; keep it only when something failed.
t0=$(date +%s)
umount_all
rm -rf --one-file-system "$root"
echo "cleanup $(($(date +%s) - t0)) s" | tee -a "$plog"
echo "total $(($(date +%s) - t_all)) s" | tee -a "$plog"
echo "fresh-root: PASS $NAME: deps, fetch, build and dkms-install of ${hosts% }, make demo in $(($(date +%s) - t_all)) s"
