#!/bin/bash
# Builds the lab VM's image from Debian bookworm packages (real: kernel, systemd, OpenSSH,
# qemu-guest-agent 7.2), with a local apt repository holding trixie's qemu-guest-agent 10.0 and
# the trixie packages it needs, and runguide's cPanel SIMULATIONS from lab/guest/.
#   build-image.sh OUT_DIR
# OUT_DIR gets: rootfs.raw (ext4, no partition table), vmlinuz, initrd.img, id_ed25519 (client key),
# known_hosts (the guest's pinned host key, as [127.0.0.1]:*), versions.json. Needs root (debootstrap).
set -euo pipefail
out=${1:?usage: build-image.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mirror=${LAB_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "${out%/}.build.XXXXXX")
root=$work/root
cleanup() {
  for m in dev/pts dev proc sys; do mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '[lab build %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

step "debootstrap bookworm from $mirror"
debootstrap --variant=minbase \
  --include=systemd,systemd-sysv,udev,dbus,openssh-server,qemu-guest-agent,linux-image-cloud-amd64,e2fsprogs,util-linux,procps,iproute2,kmod,passwd \
  bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"; }
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"

step "bookworm security updates (kernel, agent)"
cat >"$root/etc/apt/sources.list" <<SRC
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SRC
in_root apt-get -qq update
in_root apt-get -qq -y upgrade >/dev/null

# The exported Ansible playbooks need Python on the managed host (its modules are Python) and
# sudo for `become`, as on any cPanel host and Debian's cloud images (about 30 MB together).
step "python3 and sudo, for the exported Ansible playbooks"
in_root apt-get -qq -y install --no-install-recommends python3 sudo >/dev/null

step "a small initrd: only what finds the virtio root disk (faster boots under TCG)"
printf 'MODULES=list\n' >"$root/etc/initramfs-tools/conf.d/runguide-lab.conf"
printf 'virtio_pci\nvirtio_blk\n' >>"$root/etc/initramfs-tools/modules"
in_root update-initramfs -u -k all >/dev/null 2>&1
# QEMU boots the initrd copied out of the image at build time, so package upgrades inside the VM
# need not rebuild it; and dpkg need not fsync on a throwaway disk. Both only save time under TCG.
sed -i 's/^update_initramfs=.*/update_initramfs=no/' "$root/etc/initramfs-tools/update-initramfs.conf"
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/runguide-lab-unsafe-io"

step "trixie's qemu-guest-agent and what it needs, into a local apt repository"
echo "deb $mirror trixie main" >"$root/etc/apt/sources.list.d/trixie.list"
in_root apt-get -qq update
in_root apt-get clean
# apt resolves the dependencies (trixie's libc6 and friends) against this very image.
in_root apt-get -y --download-only install qemu-guest-agent/trixie >"$work/trixie.log" 2>&1 || { cat "$work/trixie.log" >&2; exit 1; }
rm "$root/etc/apt/sources.list.d/trixie.list"
repo=$root/opt/runguide-lab/trixie-agent
mkdir -p "$repo"
mv "$root"/var/cache/apt/archives/*.deb "$repo/"
(cd "$repo" && dpkg-scanpackages --multiversion . /dev/null >Packages 2>/dev/null)
echo "deb [trusted=yes] file:/opt/runguide-lab/trixie-agent ./" >"$root/etc/apt/sources.list.d/runguide-lab-trixie-agent.list"
in_root apt-get -qq update
in_root apt-get clean

step "system configuration"
echo runguide-lab >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 runguide-lab\n' >"$root/etc/hosts"
echo '/dev/vda / ext4 rw,errors=remount-ro 0 0' >"$root/etc/fstab"
mkdir -p "$root/etc/systemd/network"
printf '[Match]\nName=e*\n\n[Network]\nDHCP=ipv4\n' >"$root/etc/systemd/network/20-wired.network"
in_root systemctl enable systemd-networkd >/dev/null 2>&1
# Nothing periodic: the lab must behave the same on every run.
in_root systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer >/dev/null 2>&1 || true
# A persistent journal, so the runbook's past-hang check can read the previous boot.
mkdir -p "$root/var/log/journal"
# SSH: key-only root login with a throwaway key, and a host key pinned on the host side.
rm -f "$root"/etc/ssh/ssh_host_*
ssh-keygen -q -t ed25519 -N '' -C runguide-lab-host -f "$root/etc/ssh/ssh_host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C runguide-lab-client -f "$work/id_ed25519"
install -d -m 700 "$root/root/.ssh"
install -m 600 "$work/id_ed25519.pub" "$root/root/.ssh/authorized_keys"
printf 'PasswordAuthentication no\nUseDNS no\n' >"$root/etc/ssh/sshd_config.d/runguide-lab.conf"
echo "[127.0.0.1]:* $(cut -d' ' -f1-2 "$root/etc/ssh/ssh_host_ed25519_key.pub")" >"$work/known_hosts"

step "cPanel simulations and the lab's scenario script"
cp -a "$here/guest/." "$root/"
chown -R root:root "$root/usr/local/cpanel" "$root/usr/local/sbin"
mkdir -p "$root/var/cpanel"
echo 'jaildefaultshell=1' >"$root/var/cpanel/cpanel.config"
echo /usr/local/cpanel/bin/jailshell >>"$root/etc/shells"
in_root useradd -m -s /usr/local/cpanel/bin/jailshell alice

step "kernel, initrd and versions"
kver=$(basename "$(ls -d "$root"/lib/modules/*)")
cp "$root/boot/vmlinuz-$kver" "$work/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$work/initrd.img"
# shellcheck disable=SC2016 # ${Version} is dpkg-query's field
agent72=$(in_root dpkg-query -W -f='${Version}' qemu-guest-agent)
agent10=$(dpkg-deb -f "$repo"/qemu-guest-agent_*.deb Version)
debs=("$repo"/*.deb)
printf '{"kernel":"%s","agentBookworm":"%s","agentTrixie":"%s","trixiePackages":%s}\n' "$kver" "$agent72" "$agent10" \
  "${#debs[@]}" >"$work/versions.json"
rm -rf "$root"/var/lib/apt/lists/*_dists_* "$root"/var/cache/apt/*.bin
for m in dev/pts dev proc sys; do umount -l "$root/$m"; done

step "ext4 image (mke2fs -d, no loop mount)"
mke2fs -q -t ext4 -L lab-root -d "$root" "$work/rootfs.raw" 3G

rm -rf "$out"
mkdir -p "$out"
mv "$work/rootfs.raw" "$work/vmlinuz" "$work/initrd.img" "$work/id_ed25519" "$work/id_ed25519.pub" "$work/known_hosts" "$work/versions.json" "$out/"
step "done: $out"
