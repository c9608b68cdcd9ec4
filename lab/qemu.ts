// QEMU for one lab VM: its version, the guest kernel's command line, and the argument list that
// boots the image's kernel directly over a qcow2 overlay, with the guest agent's virtio-serial
// channel on a host Unix socket, SSH forwarded to 127.0.0.1 only, the serial console to a file.
import { spawnSync } from 'node:child_process';
import type { Image } from './image.ts';

export type Accel = 'kvm' | 'tcg';

export interface VmOptions {
  accel: Accel;
  /** kernel.hung_task_panic: 0 keeps a hung VM inspectable, 1 shows the panic. */
  hungTaskPanic?: 0 | 1;
  /** kernel.hung_task_timeout_secs, lowered so that a hang is reported quickly. */
  hungTaskTimeout?: number;
  memoryMiB?: number;
  cpus?: number;
  bootTimeoutMs?: number;
  /** A fixed host port for SSH (the CLI); default a free one. */
  sshPort?: number;
}

export class VmError extends Error {
  override name = 'VmError';
}

export function qemuVersion(): string {
  const r = spawnSync('qemu-system-x86_64', ['--version'], { encoding: 'utf8' });
  return /version (\S+)/.exec(r.stdout ?? '')?.[1] ?? 'unknown';
}

export function kernelCmdline(): string {
  return [
    'root=/dev/vda rw console=ttyS0 loglevel=5 systemd.show_status=false',
    // Under TCG on a loaded host the emulated 8254 can miss the kernel's check of the IO-APIC timer,
    // and the boot then panics ("IO-APIC + timer doesn't work!", seen in a clean-room run): skip the
    // check, as kernels for virtual machines commonly do.
    'no_timer_check',
    // No hung-task sysctls here: LabVm sets them once SSH answers. Set from the first instant, a
    // boot slowed down by a loaded host (a worker 20 s in synchronize_rcu, seen in CI) was itself
    // reported as a hung task, and with hung_task_panic=1 the boot panicked.
    // After a panic, stay down (the console keeps the report) rather than reboot.
    'panic=0',
  ].join(' ');
}

/** Where one VM's files and forwarded port are (see LabVm). */
export interface VmPaths {
  overlay: string;
  sshPort: number;
  qgaSocket: string;
  qmpSocket: string;
  consoleLog: string;
}

/** qemu-system-x86_64's arguments for one VM. */
export function qemuArgs(image: Image, opts: VmOptions, p: VmPaths): string[] {
  const accel = opts.accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg,thread=multi', '-cpu', 'max'];
  return [
    ...accel,
    '-nodefaults',
    '-display',
    'none',
    '-no-user-config',
    '-m',
    String(opts.memoryMiB ?? 1024),
    '-smp',
    String(opts.cpus ?? 2),
    '-kernel',
    image.kernel,
    '-initrd',
    image.initrd,
    '-append',
    kernelCmdline(),
    '-drive',
    `file=${p.overlay},if=virtio,format=qcow2,cache=unsafe,discard=unmap`,
    '-netdev',
    `user,id=n0,hostfwd=tcp:127.0.0.1:${p.sshPort}-:22,restrict=on`,
    '-device',
    'virtio-net-pci,netdev=n0',
    '-device',
    'virtio-rng-pci',
    '-chardev',
    `socket,path=${p.qgaSocket},server=on,wait=off,id=qga0`,
    '-device',
    'virtio-serial',
    '-device',
    'virtserialport,chardev=qga0,name=org.qemu.guest_agent.0',
    '-qmp',
    `unix:${p.qmpSocket},server=on,wait=off`,
    '-serial',
    `file:${p.consoleLog}`,
  ];
}
