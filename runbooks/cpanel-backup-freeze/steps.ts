// Steps of the runbook "cPanel VPS hangs during automatic backup".
// Conventions for every diagnosis check: exit 0 = pass (the risk factor is absent), exit 1 = fail
// (found), any other exit = error (could not tell). Each check prints one line a person can read.
import { defineRunbook } from '../../core/schema.ts';

const AGENT = 'qemu-guest-agent';
const CPANEL = '/usr/local/cpanel';
const JAILSHELL = `${CPANEL}/bin/jailshell`;

/**
 * Sets pids to the qemu-ga processes run by root (only root can freeze a filesystem). A process may
 * end between the glob and the read: the braces put the redirection's own error under 2>/dev/null
 * (bash applies redirections left to right, so `read <"$d/comm" 2>/dev/null` still prints it).
 */
const agentPids = `pids=''
for d in /proc/[0-9]*; do
  comm='' && { read -r comm <"$d/comm"; } 2>/dev/null
  if [ "$comm" = qemu-ga ] && [ "$(stat -c %u "$d" 2>/dev/null)" = 0 ]; then pids="$pids \${d#/proc/}"; fi
done`;

/**
 * The agents that would answer a freeze now: qemu-ga processes run by root (only root can freeze a
 * filesystem), each asked for its own version through /proc/PID/exe, which still reaches the old
 * binary after a package upgrade that did not restart the agent. Sets old=1 or unknown=1.
 */
const runningAgents = `${agentPids}
for pid in $pids; do
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || { echo "qemu-ga (pid $pid): cannot read its executable"; unknown=1; continue; }
  v=$(timeout 10 "/proc/$pid/exe" -V 2>/dev/null | sed -n 's/^QEMU Guest Agent \\([0-9][0-9.]*\\).*/\\1/p')
  echo "qemu-ga running (pid $pid, $exe): \${v:-version unknown}"
  case "$v" in
    '') unknown=1 ;;
    *) [ "\${v%%.*}" -ge 10 ] || old=1 ;;
  esac
done`;

/**
 * Fails when an agent older than 10.0 runs now (see runningAgents) or is installed (it runs at the
 * next start); passes when every one is >= 10.0 (it skips bind mounts) or there is none.
 */
const agentVersion = {
  // Without rpm (or dpkg-query) the host is not of this family: an error, never "not installed".
  el: `command -v rpm >/dev/null || { echo "rpm not found" >&2; exit 2; }
old=0 unknown=0
if v=$(LC_ALL=C rpm -q --qf '%{VERSION}' ${AGENT} 2>/dev/null); then
  echo "${AGENT} package: $v"
  [ "\${v%%.*}" -ge 10 ] || old=1
else
  echo "${AGENT} package: not installed"
fi
${runningAgents}
[ "$old" = 0 ] || exit 1
[ "$unknown" = 0 ] || exit 2`,
  // A package removed but not purged ("config-files") is not installed: only "installed" counts.
  ubuntu: `command -v dpkg-query >/dev/null || { echo "dpkg-query not found" >&2; exit 2; }
old=0 unknown=0
# shellcheck disable=SC2016 # \${...} are dpkg-query's fields, not shell variables
st=$(LC_ALL=C dpkg-query -W -f='\${db:Status-Status} \${Version}' ${AGENT} 2>/dev/null || true)
case "$st" in
  'installed '*)
    v=\${st#installed }
    v=\${v#*:}
    echo "${AGENT} package: $v"
    [ "\${v%%.*}" -ge 10 ] || old=1
    ;;
  *) echo "${AGENT} package: not installed" ;;
esac
${runningAgents}
[ "$old" = 0 ] || exit 1
[ "$unknown" = 0 ] || exit 2`,
};

/**
 * Refuses to touch the agent while it holds the filesystems frozen: qemu-ga creates
 * <localstatedir>/run/qga.state.isfrozen before it freezes and removes it when it thaws (qga/main.c,
 * ga_set_frozen); it ignores SIGTERM meanwhile, and a restarted agent would start frozen.
 */
const notWhileFrozen = `for f in /run/qga.state.isfrozen /var/run/qga.state.isfrozen; do
  if [ -e "$f" ]; then
    echo "A backup is freezing the filesystems right now ($f exists): try again once it has thawed them."
    exit 3
  fi
done`;

/**
 * A WHM API 1 call that fails the step unless cPanel answers metadata.result 1: a failed call
 * may still exit 0 (the CLI omits or zeroes the metadata), so the answer is read, and shown.
 */
const whmapi1 = (args: string) => `out=$(${CPANEL}/bin/whmapi1 ${args})
printf '%s\\n' "$out"
printf '%s\\n' "$out" | grep -q 'result: 1'`;

/** Where fixes keep what a rollback must restore exactly. */
const STATE_DIR = '/var/lib/runguide';
/** The agent's state before fix 1 masked it. */
const MASK_STATE = `${STATE_DIR}/qemu-guest-agent.before-mask`;
/** A user's shell before fix 2 changed it. */
const SHELL_STATE = `${STATE_DIR}/shell-before.{{user}}`;

/** Fix 3: cPanel's securetmp, its disable file, what it was before, and /etc/fstab before. */
const SECURETMP = `${CPANEL}/scripts/securetmp`;
const SECURETMP_OFF_DIR = '/var/cpanel/disabled';
const SECURETMP_OFF = `${SECURETMP_OFF_DIR}/securetmp`;
const SECURETMP_STATE = `${STATE_DIR}/securetmp.before`;
const FSTAB_BEFORE = `${STATE_DIR}/fstab.before-securetmp`;
/** The active fstab lines securetmp writes: /usr/tmpDSK on /tmp, and /tmp bound on /var/tmp. */
const SECURETMP_LINES = '^[[:space:]]*(/usr/tmpDSK|/tmp[[:space:]]+/var/tmp)[[:space:]]';
/** Sets unit to securetmp.service's start-up state (empty when there is no such unit). */
const securetmpUnit = 'unit=$(systemctl is-enabled securetmp.service 2>/dev/null || true)';

// The last of /tmp's mounts is the one in use (another may lie underneath).
const tmpNotOnLoop = `src=$(findmnt -no SOURCE /tmp | tail -n 1 || true)
echo "/tmp: \${src:-on the root filesystem}"
# /sys rather than losetup: losetup is in /usr/sbin, off a non-root user's PATH on Debian.
if grep -Fs tmpDSK /sys/block/loop*/loop/backing_file; then exit 1; fi
case "$src" in /dev/loop*) exit 1 ;; esac`;

/** Passes when nothing is mounted under `dir` (all of VirtFS, or one user's). */
const virtfsCount = (dir = '/home/virtfs') => `n=$(grep -c ' ${dir}/' /proc/self/mounts || true)
echo "$n VirtFS mount(s) under ${dir}"
[ "$n" -eq 0 ]`;

const pass = { pass: { exit: [0] }, fail: { exit: [1] } };
const done = { pass: { exit: [0] } };
const cpanelUser = { pattern: /^[a-z][a-z0-9]{0,15}$/, example: 'alice', maxLength: 16 };

export default defineRunbook({
  slug: 'cpanel-backup-freeze',
  source: {
    url: 'https://github.com/ovh/docs/tree/develop/pages/bare_metal_cloud/virtual_private_servers/cpanel_snapshot',
    licence: 'CC BY-NC-SA 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  },
  fixes: [
    { id: 'agent', maintenanceWindow: false },
    { id: 'shell', maintenanceWindow: false },
    { id: 'securetmp', maintenanceWindow: true },
    { id: 'upgrade', maintenanceWindow: false },
  ],
  risk: {
    // At risk now: the agent runs (or will), it is older than 10.0, and the mount order makes it
    // freeze a loop device's backing filesystem before the loop device itself.
    now: [['agent-running', 'agent-enabled'], ['agent-old'], ['freeze-order']],
    // At risk once VirtFS mounts: the same agent, a loop-backed /tmp, and users for whom cPanel
    // mounts VirtFS, which it does after /tmp (at a login, a mail delivery, a cron run).
    latent: [['agent-running', 'agent-enabled'], ['agent-old'], ['loop-tmp'], ['virtfs-users']],
  },
  recommend: 'agent',
  steps: [
    // Diagnosis: read-only, safe on a production host.
    {
      id: 'agent-channel',
      factor: 'agent-channel',
      risk: 'read-only',
      root: false,
      run: `if ls -l /dev/virtio-ports/org.qemu.guest_agent.0 2>/dev/null; then exit 1; fi
echo "No guest agent channel: the hypervisor cannot ask this VPS to freeze"`,
      expect: pass,
    },
    {
      id: 'agent-running',
      factor: 'agent-running',
      risk: 'read-only',
      root: false,
      // The unit, and any qemu-ga process run by root: one started by hand, or left running by a
      // `systemctl mask` without --now, freezes as well as the unit's.
      run: `state=$(systemctl is-active ${AGENT} 2>&1 || true)
echo "${AGENT}: $state"
${agentPids}
if [ -n "$pids" ]; then echo "qemu-ga running as root, pid(s):$pids"; exit 1; fi
case "$state" in active | activating | reloading | deactivating) exit 1 ;; esac
# With hidepid, a user other than root cannot see root's processes: an agent could run unseen.
if [ "$(id -u)" != 0 ] && grep -Eq '^proc /proc proc .*hidepid=([12]|invisible|noaccess)' /proc/mounts; then
  echo "/proc hides other users' processes here: run this check as root"
  exit 2
fi
case "$state" in
  inactive | failed) exit 0 ;;
  *) exit 2 ;;
esac`,
      expect: pass,
    },
    {
      id: 'agent-enabled',
      factor: 'agent-enabled',
      risk: 'read-only',
      root: false,
      // "disabled" is not enough: udev starts the agent when its channel appears.
      run: `state=$(systemctl is-enabled ${AGENT} 2>/dev/null || true)
echo "${AGENT}: \${state:-not-found}"
case "$state" in
  masked | masked-runtime | not-found | '') exit 0 ;;
  *) exit 1 ;;
esac`,
      expect: pass,
    },
    // Root: reading another user's /proc/PID/exe (the running agent's binary) needs it.
    { id: 'agent-version', factor: 'agent-old', risk: 'read-only', root: true, run: agentVersion, expect: pass },
    { id: 'tmp-loop', factor: 'loop-tmp', risk: 'read-only', root: false, run: tmpNotOnLoop, expect: pass },
    {
      id: 'virtfs-users',
      factor: 'virtfs-users',
      risk: 'read-only',
      root: false,
      // cPanel builds VirtFS for users whose shell is jailshell or noshell (its own test is the
      // regex (no|jail)shell): at an SSH or SFTP login of a jailed user, and for both kinds when
      // Exim runs their pipes and filters, when their cron jobs run, for PHP-FPM (EA4 jails these
      // users) and, with the jailapache tweak, permanently. docs.cpanel.net, "VirtFS Jailed Shell".
      run: `awk -F: '$7 == "${CPANEL}/bin/jailshell" || $7 == "${CPANEL}/bin/noshell" { n++; sub(/.*\\//, "", $7); print $1 " (" $7 ")" }
  END { if (n) { print n " user(s) for whom cPanel mounts VirtFS (login, mail pipes and filters, cron, PHP-FPM)"; exit 1 }
    print "No user has Jailed Shell or noshell: cPanel mounts no VirtFS" }' /etc/passwd
rc=$?
if [ "$rc" = 1 ] && grep -qsx 'jailapache=1' /var/cpanel/cpanel.config; then echo "jailapache=1: their VirtFS stays mounted"; fi
exit "$rc"`,
      expect: pass,
    },
    { id: 'virtfs-mounts', factor: 'virtfs-mounts', risk: 'read-only', root: false, run: virtfsCount(), expect: pass },
    {
      id: 'freeze-order',
      factor: 'freeze-order',
      risk: 'read-only',
      // Root: losetup asks the loop device itself (LOOP_GET_STATUS64) which device holds the
      // backing file; a user gets an empty answer. That answer stays right when the file was
      // deleted or replaced since, when its path no longer leads to it.
      root: true,
      // qemu-ga < 10.0 freezes the mounts of /proc/self/mountinfo in reverse order, skipping device
      // major 0. If a mount of a loop device's backing filesystem comes after the loop device's last
      // mount, the backing filesystem is frozen first and freezing the loop device never returns.
      run: `risk=0 loops=0 unsure=0
for sys in /sys/block/loop*; do
  [ -r "$sys/loop/backing_file" ] || continue
  # A read-only loop device (e.g. a snap image) writes nothing back when frozen.
  [ "$(cat "$sys/ro")" = 0 ] || continue
  loopdev=$(cat "$sys/dev")
  file=$(cat "$sys/loop/backing_file")
  last=$(awk -v d="$loopdev" '$3 == d { n = NR } END { print n + 0 }' /proc/self/mountinfo)
  [ "$last" -gt 0 ] || continue
  loops=$((loops + 1))
  backing=$(losetup -n -O BACK-MAJ:MIN "/dev/\${sys##*/}" 2>/dev/null | tr -d ' ')
  case "$backing" in
    *:*) ;;
    *) echo "\${sys##*/} ($file): cannot tell which filesystem holds its backing file"; unsure=1; continue ;;
  esac
  # qemu-ga skips filesystems of device major 0 (tmpfs…) but btrfs: a file there is never frozen.
  fstype=$(awk -v d="$backing" '$3 == d { for (i = 7; i < NF; i++) if ($i == "-") { print $(i + 1); exit } }' /proc/self/mountinfo)
  if [ "\${backing%%:*}" = 0 ] && [ -n "$fstype" ] && [ "$fstype" != btrfs ]; then
    echo "\${sys##*/} ($file): on $fstype, which the agent does not freeze"
    continue
  fi
  echo "\${sys##*/} ($file, on device $backing) is mounted on:$(awk -v d="$loopdev" '$3 == d { printf " %s", $5 }' /proc/self/mountinfo)"
  later=$(awk -v d="$backing" -v n="$last" 'NR > n && $3 == d { printf " %s", $5 }' /proc/self/mountinfo)
  if [ -n "$later" ]; then
    echo "  at risk: mounted after it from the same filesystem:$later"
    risk=1
  fi
done
[ "$loops" -gt 0 ] || echo "No mounted loop device"
[ "$risk" = 0 ] || exit 1
[ "$unsure" = 0 ] || exit 2`,
      expect: pass,
    },
    {
      id: 'past-hang',
      factor: 'past-hang',
      risk: 'read-only',
      root: true,
      run: `if ! journalctl -k -b -1 -q -n 1 --no-pager >/dev/null 2>&1; then
  echo "No previous boot in the journal (it may not be persistent)"
  exit 0
fi
if journalctl -k -b -1 -q --no-pager | grep -E 'blocked for more than [0-9]+ seconds|Kernel panic - not syncing'; then exit 1; fi
echo "No hung task or kernel panic in the previous boot's kernel log"`,
      expect: pass,
    },
    {
      id: 'panic-on-hang',
      factor: 'panic-on-hang',
      risk: 'read-only',
      root: false,
      run: `p=$(cat /proc/sys/kernel/hung_task_panic 2>/dev/null || echo absent)
t=$(cat /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null || echo absent)
echo "kernel.hung_task_panic = $p"
echo "kernel.hung_task_timeout_secs = $t"
[ "$p" != 1 ]`,
      expect: pass,
    },

    // Fix 1: stop and mask the guest agent. "disable" alone does not survive a reboot where udev
    // starts the agent when its virtio channel appears. The state before the first mask is kept,
    // so that the rollback starts the agent again only if it was running.
    {
      id: 'agent-mask',
      fix: 'agent',
      risk: 'changes',
      root: true,
      // set -e: a command that fails stops the step there.
      run: `set -e
${notWhileFrozen}
if [ ! -e ${MASK_STATE} ]; then
  mkdir -p ${STATE_DIR}
  echo "active=$(systemctl is-active ${AGENT} || true)" >${MASK_STATE}
fi
echo "Before: $(cat ${MASK_STATE})"
systemctl mask --now ${AGENT}`,
      expect: done,
      verify: {
        // The unit masked and stopped, and no agent left running outside it (started by hand).
        run: `a=$(systemctl is-active ${AGENT} || true)
e=$(systemctl is-enabled ${AGENT} || true)
echo "${AGENT}: $a, $e"
${agentPids}
if [ -n "$pids" ]; then echo "qemu-ga still runs outside the service, pid(s):$pids"; exit 1; fi
[ "$a" != active ] && [ "$e" = masked ]`,
        expect: done,
      },
      // Unmask, then start only if the agent was running before the mask; running it twice is harmless.
      rollback: `set -e
${notWhileFrozen}
systemctl unmask ${AGENT}
if grep -qx 'active=active' ${MASK_STATE} 2>/dev/null; then
  systemctl start ${AGENT}
  echo "${AGENT} unmasked and started, as it was running before"
elif [ -e ${MASK_STATE} ]; then
  echo "${AGENT} unmasked, left stopped, as it was before"
else
  echo "${AGENT} unmasked; its state before the mask is not known here: start it if it was running"
fi
rm -f ${MASK_STATE}`,
    },

    // Fix 2: Normal Shell instead of Jailed Shell, then release the user's VirtFS mounts.
    {
      id: 'shell-default',
      fix: 'shell',
      risk: 'changes',
      root: true,
      run: `${CPANEL}/bin/whmapi1 set_tweaksetting key=jaildefaultshell value=0`,
      expect: { pass: { exit: [0], stdout: /result: 1/ } },
      verify: { run: `grep -x 'jaildefaultshell=0' /var/cpanel/cpanel.config`, expect: done },
      rollback: `${CPANEL}/bin/whmapi1 set_tweaksetting key=jaildefaultshell value=1`,
    },
    {
      id: 'shell-user',
      fix: 'shell',
      risk: 'changes',
      root: true,
      params: { user: cpanelUser },
      // Through cPanel's own API, as WHM's Manage Shell Access does (modifyacct with shell=; its
      // set_shell also queues the release of the user's VirtFS), never usermod behind its back.
      // Only a Jailed Shell user changes: an account without a shell never gets one. The shell it
      // had is kept, for a rollback that restores exactly that.
      run: `set -e
shell=$(getent passwd {{user}} | cut -d: -f7)
case "$shell" in
  ${JAILSHELL}) ;;
  '') echo "No such user: {{user}}"; exit 3 ;;
  ${CPANEL}/bin/noshell)
    echo "{{user}} has no shell (noshell): this fix never gives one."
    echo "cPanel still mounts VirtFS for its mail and cron: choose fix 1, 3 or 4."
    exit 3
    ;;
  *) echo "{{user}} has $shell, not Jailed Shell: nothing to change"; exit 0 ;;
esac
if [ ! -e ${SHELL_STATE} ]; then
  mkdir -p ${STATE_DIR}
  echo "$shell" >${SHELL_STATE}
fi
${whmapi1('modifyacct user={{user}} shell=/bin/bash')}`,
      expect: done,
      verify: {
        run: `shell=$(getent passwd {{user}} | cut -d: -f7)
echo "{{user}}: \${shell:-no such user}"
[ -n "$shell" ] && [ "$shell" != ${JAILSHELL} ]`,
        expect: done,
      },
      // Restores the shell recorded by the first run; run twice, the second finds nothing to do.
      rollback: `set -e
if [ ! -e ${SHELL_STATE} ]; then echo "No shell of {{user}} recorded by this fix: nothing to restore"; exit 0; fi
prev=$(cat ${SHELL_STATE})
${whmapi1('modifyacct user={{user}} shell="$prev"')}
rm -f ${SHELL_STATE}
echo "{{user}}: $prev again"`,
    },
    {
      id: 'shell-release-virtfs',
      fix: 'shell',
      // cPanel's script forces the unmounts and ends the user's jailed processes (Cpanel/Filesys/
      // Virtfs.pm); with --user alone it acts only on a user no longer jailed, never on others.
      risk: 'disruptive',
      root: true,
      params: { user: cpanelUser },
      run: `${CPANEL}/scripts/clear_orphaned_virtfs_mounts --user={{user}}`,
      expect: done,
      verify: { run: virtfsCount('/home/virtfs/{{user}}'), expect: done },
    },

    // Fix 3: take cPanel's loop-backed /tmp (securetmp) out of start-up and out of /etc/fstab; the
    // loop /tmp goes at the maintenance reboot. Never `umount /tmp` on a live server: MariaDB, PHP
    // and cPanel keep files open there, so it fails half-way, after /var/tmp and VirtFS are gone.
    {
      id: 'securetmp-remove',
      fix: 'securetmp',
      risk: 'changes',
      root: true,
      // securetmp --uninstall only takes securetmp.service out of start-up; it exits 0 doing nothing
      // when a disable file exists or no loop device works, hence the systemctl check after it.
      // cPanel's documented way to keep it off (its "/tmp hardening" tip) is the disable file,
      // which also stops a cPanel update or a hand run from mounting /tmp again. Both fstab lines
      // securetmp writes are noauto, yet a service with PrivateTmp= pulls tmp.mount in (seen in the
      // lab): they are commented, with a mark the rollback finds, and systemd reloads them.
      run: `set -e
${notWhileFrozen}
if [ ! -e ${SECURETMP_STATE} ]; then
  mkdir -p ${STATE_DIR}
  cp -p /etc/fstab ${FSTAB_BEFORE}
  {
    ${securetmpUnit}
    echo "service=\${unit:-not-found}"
    if [ -e ${SECURETMP_OFF} ]; then echo "off-file=kept"; else echo "off-file=created"; fi
    echo "boot=$(cat /proc/sys/kernel/random/boot_id)"
  } >${SECURETMP_STATE}
  echo "/etc/fstab saved as ${FSTAB_BEFORE}"
fi
if [ -x ${SECURETMP} ]; then ${SECURETMP} --uninstall; fi
if systemctl is-enabled -q securetmp.service 2>/dev/null; then systemctl disable securetmp.service; fi
mkdir -p ${SECURETMP_OFF_DIR}
touch ${SECURETMP_OFF}
sed -i --follow-symlinks -E '\\#${SECURETMP_LINES}#s|^|#runguide# |' /etc/fstab
systemctl daemon-reload
${securetmpUnit}
echo "securetmp.service: \${unit:-not-found}"
grep -n '^#runguide# ' /etc/fstab || true`,
      expect: done,
      // 0: /tmp is no longer a loop device; 1: all is in place and /tmp goes at the reboot (the
      // page advises it, not a rollback); anything else: something is missing, or a reboot did not
      // take /tmp off the loop device.
      verify: {
        run: `missing=0
if grep -En '${SECURETMP_LINES}' /etc/fstab; then echo "  still active in /etc/fstab"; missing=1; fi
${securetmpUnit}
echo "securetmp.service: \${unit:-not-found}"
case "$unit" in enabled | enabled-runtime) missing=1 ;; esac
if systemctl show -p NeedDaemonReload tmp.mount 2>/dev/null | grep -q '=yes'; then echo "systemd has not reloaded /etc/fstab"; missing=1; fi
[ "$missing" = 0 ] || exit 2
if (${tmpNotOnLoop}); then exit 0; fi
if grep -qsx "boot=$(cat /proc/sys/kernel/random/boot_id)" ${SECURETMP_STATE}; then
  echo "Applied: /tmp leaves the loop device at the next reboot, in the maintenance window"
  exit 1
fi
echo "/tmp is still on a loop device after a reboot: something else mounts it"
exit 2`,
        expect: pass,
      },
      ifVerifyFails: 'restart',
      // The exact inverse, from what the first run recorded; run twice, the second finds nothing.
      rollback: `set -e
${notWhileFrozen}
if [ ! -e ${SECURETMP_STATE} ]; then echo "Nothing recorded by this fix: nothing to undo"; exit 0; fi
sed -i --follow-symlinks 's|^#runguide# ||' /etc/fstab
if grep -qx 'off-file=created' ${SECURETMP_STATE}; then rm -f ${SECURETMP_OFF}; fi
if grep -qx 'service=enabled' ${SECURETMP_STATE}; then
  # --install puts the unit back and enables it; it mounts nothing until the next boot.
  ${SECURETMP} --install
  systemctl is-enabled -q securetmp.service || systemctl enable securetmp.service
fi
systemctl daemon-reload
rm -f ${SECURETMP_STATE}
${securetmpUnit}
echo "securetmp.service: \${unit:-not-found}"
echo "/etc/fstab and securetmp as they were; /tmp is on the loop device again from the next boot"`,
    },

    // Fix 4 (beyond OVHcloud's guide): an agent >= 10.0 skips bind mounts when it freezes.
    {
      id: 'agent-candidate',
      fix: 'upgrade',
      risk: 'read-only',
      root: false,
      // From the package manager's cache only (dnf and yum -C): a refresh would change the system
      // and reach the network. EL 7 has yum, not dnf. apt-cache reads only the local lists.
      run: {
        el: `set -o pipefail
if command -v dnf >/dev/null; then
  out=$(LC_ALL=C dnf -q -C repoquery --latest-limit 1 --qf '%{version}\\n' ${AGENT}) || exit 2
else
  out=$(LC_ALL=C yum -q -C list available ${AGENT} |
    awk '$1 ~ /^${AGENT}/ { v = $2; sub(/^[0-9]+:/, "", v); sub(/-.*/, "", v); print v }') || exit 2
fi
c=$(printf '%s\\n' "$out" | tail -n 1)
echo "Available ${AGENT}: \${c:-none}"
[ -n "$c" ] && [ "\${c%%.*}" -ge 10 ]`,
        ubuntu: `c=$(LC_ALL=C apt-cache policy ${AGENT} | awk '/Candidate:/ { print $2 }')
echo "Available ${AGENT}: \${c:-none}"
case "$c" in '' | '(none)') exit 1 ;; esac
c=\${c#*:}
[ "\${c%%.*}" -ge 10 ]`,
      },
      expect: { pass: { exit: [0] }, fail: { exit: [1] } },
    },
    {
      id: 'agent-upgrade',
      fix: 'upgrade',
      risk: 'changes',
      root: true,
      timeout: 900,
      // The running agent is restarted (only if it runs), so the verify sees the new program.
      run: {
        el: `set -e
${notWhileFrozen}
if command -v dnf >/dev/null; then dnf -y upgrade ${AGENT}; else yum -y update ${AGENT}; fi
systemctl try-restart ${AGENT}`,
        ubuntu: `set -e
${notWhileFrozen}
DEBIAN_FRONTEND=noninteractive apt-get install -y --only-upgrade ${AGENT}
systemctl try-restart ${AGENT}`,
      },
      expect: done,
      verify: { run: agentVersion, expect: done },
    },
  ],
});
