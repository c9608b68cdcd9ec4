// Plain SSH into a lab VM, as root with the image's key and its pinned host key, on the port
// forwarded to 127.0.0.1 (lab set-up and checks; runbook steps go through the runner).
import { spawn } from 'node:child_process';

export interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Where to reach the VM and how to trust it. */
export interface SshTarget {
  sshPort: number;
  identityFile: string;
  knownHostsFile: string;
}

export function sshArgs(target: SshTarget): string[] {
  return [
    '-p',
    String(target.sshPort),
    '-l',
    'root',
    '-i',
    target.identityFile,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${target.knownHostsFile}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=10',
    '-o',
    'LogLevel=ERROR',
    '127.0.0.1',
  ];
}

/** Runs a command on the VM; a command still running after `timeoutMs` is killed (timedOut). */
export function ssh(target: SshTarget, command: string, timeoutMs: number): Promise<SshResult> {
  return new Promise((ok) => {
    const p = spawn('ssh', [...sshArgs(target), '--', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '',
      timedOut = false;
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const t = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.on('close', (code) => {
      clearTimeout(t);
      ok({ code, stdout, stderr, timedOut });
    });
  });
}
