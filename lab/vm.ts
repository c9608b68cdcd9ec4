// One lab VM's life: QEMU started (qemu.ts builds its command line) over a throwaway qcow2 overlay
// of the cached image (every boot starts from the same clean disk), waited for until SSH answers,
// rebooted or reset (qmp.ts), and stopped with its files removed. SSH itself is ssh.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Image } from './image.ts';
import { freePort } from '../server/free-port.ts';
import { qemuArgs, VmError, type VmOptions } from './qemu.ts';
import { qmp } from './qmp.ts';
import { ssh, sshArgs, type SshResult, type SshTarget } from './ssh.ts';

export { kernelCmdline, qemuVersion, VmError, type Accel, type VmOptions } from './qemu.ts';
export type { SshResult } from './ssh.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The initramfs prints this on the console at every boot (the kernel's own banner is below the
// console log level), so it marks a restart.
const BOOT_MARK = /Loading, please wait/;

// From the boot mark to SSH after a reboot or reset. 480 s: in a clean-room run, with the three VMs
// booting at once under TCG, a guest showed its login prompt and its sshd still had not sent its
// banner after 300 s.
const SSH_AFTER_RESTART_MS = 480_000;

export class LabVm {
  readonly image: Image;
  readonly opts: VmOptions;
  readonly dir: string;
  readonly consoleLog: string;
  readonly qgaSocket: string;
  readonly qmpSocket: string;
  readonly knownHostsFile: string;
  readonly overlay: string;
  sshPort = 0;
  #proc: ChildProcess | null = null;
  #exited: Promise<number | null> = Promise.resolve(null);
  exitCode: number | null | undefined = undefined;

  private constructor(image: Image, opts: VmOptions) {
    this.image = image;
    this.opts = opts;
    // Short paths: Unix socket names are limited to 108 bytes.
    this.dir = mkdtempSync(join(tmpdir(), 'rglab-'));
    this.consoleLog = join(this.dir, 'console.log');
    this.qgaSocket = join(this.dir, 'qga.sock');
    this.qmpSocket = join(this.dir, 'qmp.sock');
    this.knownHostsFile = join(this.dir, 'known_hosts');
    this.overlay = join(this.dir, 'disk.qcow2');
  }

  /** Boots and waits until SSH answers. On failure the VM is stopped and its files removed. */
  static async boot(image: Image, opts: VmOptions): Promise<LabVm> {
    const vm = new LabVm(image, opts);
    try {
      const r = spawnSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', image.rootfs, vm.overlay], { encoding: 'utf8' });
      if (r.status !== 0) throw new VmError(`qemu-img create failed: ${r.stderr}`);
      await vm.#start(opts.sshPort ?? (await freePort()));
      await vm.#up(opts.bootTimeoutMs ?? 300_000);
      return vm;
    } catch (e) {
      await vm.stop();
      throw e;
    }
  }

  async #start(sshPort: number): Promise<void> {
    this.sshPort = sshPort;
    this.exitCode = undefined;
    writeFileSync(this.knownHostsFile, `[127.0.0.1]:${this.sshPort} ${this.image.hostKeyLine}\n`);
    const args = qemuArgs(this.image, this.opts, {
      overlay: this.overlay,
      sshPort: this.sshPort,
      qgaSocket: this.qgaSocket,
      qmpSocket: this.qmpSocket,
      consoleLog: this.consoleLog,
    });
    // setpriv --pdeathsig: QEMU dies with the process that started it, even if that one is killed.
    const p = spawn('setpriv', ['--pdeathsig', 'KILL', '--', 'qemu-system-x86_64', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#proc = p;
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    this.#exited = new Promise((ok) =>
      p.on('exit', (code) => {
        this.exitCode = code;
        if (code) this.stderr = stderr;
        ok(code);
      }),
    );
    // QEMU creates its sockets before the guest starts: wait for them (or for an early exit).
    const deadline = Date.now() + 15_000;
    while (!existsSync(this.qmpSocket) || !existsSync(this.qgaSocket)) {
      if (this.exitCode !== undefined) throw new VmError(`QEMU exited at start (${this.exitCode}): ${stderr.trim()}`);
      if (Date.now() > deadline) throw new VmError('QEMU did not create its sockets within 15 s');
      await sleep(100);
    }
  }

  stderr = '';

  get pid(): number | undefined {
    return this.#proc?.pid;
  }

  get running(): boolean {
    return this.#proc !== null && this.exitCode === undefined;
  }

  console(): string {
    try {
      return readFileSync(this.consoleLog, 'latin1');
    } catch {
      return '';
    }
  }

  /** Waits for the console to match (searching from character `from`); null on timeout. */
  async waitConsole(re: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = re.exec(this.console().slice(from));
      if (m) return m;
      if (Date.now() > deadline || !this.running) return null;
      await sleep(500);
    }
  }

  /** How to reach this VM over SSH: its forwarded port, the image's key, its pinned host key. */
  get #sshTarget(): SshTarget {
    return { sshPort: this.sshPort, identityFile: this.image.identityFile, knownHostsFile: this.knownHostsFile };
  }

  sshArgs(): string[] {
    return sshArgs(this.#sshTarget);
  }

  /** Runs a command over plain SSH (lab set-up, not runbook steps: those go through the runner). */
  ssh(command: string, timeoutMs = 60_000): Promise<SshResult> {
    return ssh(this.#sshTarget, command, timeoutMs);
  }

  /** Like ssh(), but throws unless the command exits 0. */
  async sshOk(command: string, timeoutMs = 120_000): Promise<string> {
    const r = await this.ssh(command, timeoutMs);
    if (r.code !== 0)
      throw new VmError(`"${command}" on the lab VM: ${r.timedOut ? 'timed out' : `exit ${r.code}`}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  }

  async waitSsh(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: SshResult | null = null;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new VmError(`QEMU exited (${this.exitCode}) before SSH answered: ${this.stderr.trim()}\n${this.console().slice(-1500)}`);
      last = await this.ssh('true', 20_000);
      if (last.code === 0) return;
      await sleep(2000);
    }
    throw new VmError(
      `SSH did not answer within ${timeoutMs / 1000} s (${last?.stderr.trim()}); console tail:\n${this.console().slice(-1500)}`,
    );
  }

  /**
   * Once SSH answers after a boot, the hung-task settings of this VM: a boot that a loaded host
   * slows down is then never itself taken for a hang (and, with hung_task_panic=1, panicked).
   */
  async #up(timeoutMs: number): Promise<void> {
    await this.waitSsh(timeoutMs);
    await this.sshOk(
      `sysctl -q -w kernel.hung_task_timeout_secs=${this.opts.hungTaskTimeout ?? 20} kernel.hung_task_panic=${this.opts.hungTaskPanic ?? 0}`,
    );
  }

  /** Waits for the boot mark after a restart began at console character `mark`. */
  async #restarted(mark: number, what: string): Promise<void> {
    // 300 s: under TCG, with three VMs on two host cores, a reset took over 180 s to reach it.
    if (!(await this.waitConsole(BOOT_MARK, 300_000, mark)))
      throw new VmError(`the guest did not restart after ${what}; console tail:\n${this.console().slice(-1500)}`);
  }

  /** Reboots the guest (same disk) and waits for SSH again. */
  async reboot(timeoutMs = SSH_AFTER_RESTART_MS): Promise<void> {
    const mark = this.console().length;
    await this.ssh('systemctl reboot', 20_000);
    await this.#restarted(mark, 'systemctl reboot');
    await this.#up(timeoutMs);
  }

  /**
   * Presses the reset button (same disk, like a hypervisor resetting a hung VPS); waits for SSH.
   * Twice in about ten clean-room runs, under TCG after a hung-task panic, QEMU answered the reset
   * but the guest never printed again: then the power is cut and QEMU started anew on the same
   * disk, which is what a provider does with a VPS that its reset did not bring back.
   */
  async hardReset(resetWaitMs = 240_000, timeoutMs = SSH_AFTER_RESTART_MS): Promise<void> {
    const mark = this.console().length;
    await qmp(this.qmpSocket, [{ execute: 'qmp_capabilities' }, { execute: 'system_reset' }], 10_000, true);
    // 240 s: a reset under TCG, three VMs on two host cores, once took over 180 s to the boot mark.
    if (!(await this.waitConsole(BOOT_MARK, resetWaitMs, mark))) {
      console.log(`lab: the guest did not restart after system_reset; power-cycling QEMU on the same disk`);
      await this.#powerCycle();
      await this.#restarted(0, 'a power cycle');
    }
    await this.#up(timeoutMs);
  }

  /** Stops QEMU and starts it again on the same disk and SSH port; the old console is kept aside. */
  async #powerCycle(): Promise<void> {
    await this.#quit();
    for (const socket of [this.qmpSocket, this.qgaSocket]) rmSync(socket, { force: true });
    // QEMU truncates its console file at start.
    renameSync(this.consoleLog, join(this.dir, `console-${Date.now()}.log`));
    await this.#start(this.sshPort);
  }

  /** Quits QEMU (QMP quit, then SIGTERM, then SIGKILL) and removes the VM's files. Idempotent. */
  async stop(): Promise<void> {
    await this.#quit();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async #quit(): Promise<void> {
    if (this.running) {
      try {
        await qmp(this.qmpSocket, [{ execute: 'qmp_capabilities' }, { execute: 'quit' }]);
      } catch {
        /* falls back to signals below */
      }
      const exited = (ms: number) => Promise.race([this.#exited.then(() => true), sleep(ms).then(() => false)]);
      if (!(await exited(10_000))) {
        this.#proc!.kill('SIGTERM');
        if (!(await exited(5000))) {
          this.#proc!.kill('SIGKILL');
          await this.#exited;
        }
      }
    }
  }
}
