// A server state of the diagnosis, made for real: the script that builds it as root in a fresh
// mount and PID namespace (nothing outside sees it), with a real ext4 "root disk" on a loop device,
// cPanel's /usr/tmpDSK on it loop-mounted on /tmp (securetmp's layout), bind mounts standing for
// VirtFS, and Debian's real qemu-ga. Only cPanel is absent: the passwd lines naming its shells
// (docs.cpanel.net, "VirtFS Jailed Shell") and a dpkg status record stand in where said. Used by
// diagnosis-states.test.ts (the exported script there) and state-sshd.ts (an sshd there).
//
// The script takes one argument: the test's folder, seen inside as /srv ($work). Whoever runs it
// holds the loop lock (loop-tmp.ts holdLoopLock): its tmpDSK is a loop device every test sees.

export const QEMU_GA = '/usr/sbin/qemu-ga';

/** The namespace the script runs in: `[...NAMESPACE, 'bash', script, dir]`. */
export const NAMESPACE = ['unshare', '--mount', '--pid', '--fork', '--mount-proc', '--propagation', 'private'];

/**
 * The state's common part, as root in a fresh mount and PID namespace: an ext4 disk image mounted
 * on /mnt (the "root filesystem" whose file backs /tmp), /usr/tmpDSK on it, loop-mounted on /tmp
 * as securetmp does, /var/tmp bound to it, and a tmpfs /home for VirtFS. Mount options follow
 * cPanel's securetmp (lab/guest/usr/local/cpanel/scripts/securetmp says from where).
 */
export const LAYOUT = `set -euo pipefail
# The test's folder is under the machine's /tmp, which the loop /tmp hides: seen here as /srv.
mount --bind "$1" /srv
work=/srv
mount -t tmpfs -o size=64m rg-work "$work/ns"
truncate -s 48M "$work/ns/disk.img"
mkfs.ext4 -q -F "$work/ns/disk.img"
mount -o loop "$work/ns/disk.img" /mnt
mkdir -p /mnt/usr /mnt/var
truncate -s 16M /mnt/usr/tmpDSK
mkfs.ext4 -q -F /mnt/usr/tmpDSK
mount -t ext4 -o loop,noexec,nosuid,rw /mnt/usr/tmpDSK /tmp
chmod 1777 /tmp
mount -o bind,noexec,nosuid /tmp /var/tmp
mount -t tmpfs -o mode=755 rg-home /home
# /etc (passwd) and dpkg's database as overlays this namespace can change: a bind of a copy would
# not do, since another test's useradd renames a new /etc/passwd over it.
for d in etc var/lib/dpkg; do
  mkdir -p "$work/ns/$d/upper" "$work/ns/$d/work"
  mount -t overlay rg-overlay -o "lowerdir=/$d,upperdir=$work/ns/$d/upper,workdir=$work/ns/$d/work" "/$d"
done
# What cPanel's VirtFS does at a jailed user's login: bind mounts of the root filesystem, after /tmp.
virtfs() { mkdir -p "/home/virtfs/$1/usr" "/home/virtfs/$1/var"; mount --bind /mnt/usr "/home/virtfs/$1/usr"; mount --bind /mnt/var "/home/virtfs/$1/var"; }
# A cPanel account with that shell (the line cPanel's account tools write).
account() { echo "$1:x:$((4000 + RANDOM % 1000)):$((4000 + RANDOM % 1000))::/home/$1:/usr/local/cpanel/bin/$2" >>/etc/passwd; }
# The real agent, listening on a socket of its own (no virtio port here), from a copy of its program.
agent() {
  cp ${QEMU_GA} "$work/ns/qemu-ga"
  "$work/ns/qemu-ga" -m unix-listen -p "$work/ns/qga.sock" -t "$work/ns" &
  for _ in $(seq 100); do [ -S "$work/ns/qga.sock" ] && return; sleep 0.1; done
  echo "qemu-ga did not start" >&2; exit 9
}
# dpkg's record of the agent package, as an upgrade or a removal leaves it.
package() { sed -i "/^Package: qemu-guest-agent$/,/^$/{s/^Status: .*/Status: $1/;s/^Version: .*/Version: $2/}" /var/lib/dpkg/status; }
`;
