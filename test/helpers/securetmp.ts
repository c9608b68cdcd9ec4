// cPanel's securetmp installed for real in a loop-tmp namespace (helpers/loop-tmp.ts), for fix 3's
// tests. Stand-ins, inside the namespace only: cPanel's securetmp (the lab's, which follows the
// real script; cPanel cannot be installed here) with its unit file, and systemctl (systemd is not
// PID 1 here). The mounts, the loop device and the files they change are real.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoopTmp } from './loop-tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const standIn = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** cPanel's securetmp with its unit, and systemctl, as the namespace's own files. */
const STAND_INS = {
  '/usr/local/cpanel/scripts/securetmp': standIn('lab/guest/usr/local/cpanel/scripts/securetmp'),
  '/usr/local/cpanel/etc/init/scripts/systemd/securetmp.service': standIn(
    'lab/guest/usr/local/cpanel/etc/init/scripts/systemd/securetmp.service',
  ),
  // On sudo's secure_path, and before /usr/bin in root's PATH.
  '/usr/local/sbin/systemctl': standIn('test/helpers/stand-ins/systemctl'),
};
/** Lines of a real server's /etc/fstab that are not securetmp's: the fix must leave them alone. */
export const OTHERS = [
  'UUID=2f1c0b3e-5d7a-4c1e-9a55-0b8d2f6a7c11 / ext4 errors=remount-ro 0 1',
  '# /usr/tmpDSK /tmp ext4 defaults 0 0 (an old note of the admin)',
  '/dev/vdb1 /backup ext4 defaults,nofail 0 2',
];

/** The namespace, securetmp installed in start-up as cPanel's installer leaves it. */
export async function securetmpServer(work: string, before = '') {
  const ns = await startLoopTmp(work, { holder: false, files: STAND_INS });
  const sh = (script: string) => {
    const r = spawnSync(ns.enter[0]!, [...ns.enter.slice(1), 'bash', '-c', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const setUp = sh(`set -e
printf '%s\\n' ${OTHERS.map((l) => `'${l}'`).join(' ')} >>/etc/fstab
/usr/local/cpanel/scripts/securetmp --install
${before}`);
  if (setUp.code !== 0 || !setUp.out.includes('added to the system start-up')) {
    await ns.stop();
    throw new Error(`securetmp --install did not set up: ${setUp.err}${setUp.out}`);
  }
  const state = () => ({
    fstab: sh('cat /etc/fstab').out,
    unit: sh('systemctl is-enabled securetmp.service 2>&1').out.trim(),
    offFile: sh('test -e /var/cpanel/disabled/securetmp').code === 0,
    tmp: sh('findmnt -n -o SOURCE /tmp | tail -n 1').out.trim(), // the top of the stack
    varTmp: sh('findmnt -n -o SOURCE /var/tmp | tail -n 1').out.trim(),
  });
  return { ns, sh, state };
}
