// Running a runbook step in a session: look it up, validate its parameters, detect the distro,
// ask for confirmation when it changes the system, type it (shell-marks.ts), judge its result
// (render.ts `evaluate`), and write the audit line before the page hears the verdict.
import { randomUUID } from 'node:crypto';
import { runbooks } from '../runbooks/index.ts';
import { adviceAfter, evaluate, findStep, ParamError, renderCommand, validateParams } from '../core/render.ts';
import type { Verdict } from '../core/step-ref.ts';
import { distroFamily, type Distro, type Expect, type Step } from '../core/schema.ts';
import type { ClientMessage, ErrorCode, ServerMessage } from '../core/protocol.ts';
import { lastLine, NO_PAYLOAD_EXIT, plainText } from './shell-marks.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import { SUDO_WAIT_MS } from './marked-exec.ts';
import { reportText } from './report-text.ts';
import type { Session } from './session.ts';

type RunMessage = Extract<ClientMessage, { type: 'run' }>;
type ConfirmMessage = Extract<ClientMessage, { type: 'confirm' }>;

export class StepError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const ROLLBACK_EXPECT: Expect = { pass: { exit: [0] } };
const PROBE_TIMEOUT_MS = 30_000;
const SSH_SETTLE_MS = 15_000;
/** A password, passphrase or host-key question on the cursor's line. */
const ASKING = /(password|passphrase)[^:]*:\s*$|\(yes\/no[^)]*\)\?\s*$/i;

interface Pending {
  runId: string;
  msg: RunMessage;
  step: Step;
  command: string;
}

/** The step runner of one session; survives reconnects because it lives with the session. */
export class StepRunner {
  #session: Session;
  #auditLog: string;
  #send: (m: ServerMessage) => void = () => {};
  #pending: Pending | null = null;

  constructor(session: Session, auditLog: string) {
    this.#session = session;
    this.#auditLog = auditLog;
  }

  /** Where messages go: the currently attached socket. */
  setSender(send: (m: ServerMessage) => void): void {
    this.#send = send;
  }
  /** The socket that owned `send` closed; a newer one may already have taken over. */
  clearSender(send: (m: ServerMessage) => void): void {
    if (this.#send === send) this.#send = () => {};
  }

  async run(msg: RunMessage): Promise<void> {
    const rb = Object.hasOwn(runbooks, msg.runbook) ? runbooks[msg.runbook] : undefined;
    if (!rb) throw new StepError('unknown-runbook', `No runbook "${msg.runbook}"`);
    const step = findStep(rb, msg.step);
    if (!step) throw new StepError('unknown-step', `Runbook "${msg.runbook}" has no step "${msg.step}"`);
    if (msg.which === 'verify' && !step.verify) throw new StepError('no-command', `Step "${step.id}" has no verify command`);
    if (msg.which === 'rollback' && !step.rollback) throw new StepError('no-command', `Step "${step.id}" has no rollback`);
    try {
      validateParams(step, msg.params);
    } catch (e) {
      if (e instanceof ParamError) throw new StepError('bad-params', e.message);
      throw e;
    }
    // The terminal is reserved before the first await: a second `run` arriving in the same TCP
    // write must find it busy, or both would type their lines and cross their payloads.
    const s = this.#session;
    if (s.busy) throw new StepError('busy', 'A step is already running in this terminal; wait for its result');
    s.busy = true;
    let pending: Pending;
    try {
      const distro = await this.#distro();
      const command = renderCommand(step, msg.which, distro, msg.params);
      pending = { runId: randomUUID(), msg, step, command };
      // A change (and any rollback) waits for an explicit yes; a new run replaces an unanswered one.
      if (msg.which === 'rollback' || (msg.which === 'run' && step.risk !== 'read-only')) {
        this.#pending = pending;
        this.#send({
          type: 'confirm',
          runId: pending.runId,
          runbook: msg.runbook,
          step: step.id,
          which: msg.which,
          command,
          risk: msg.which === 'rollback' ? 'changes' : step.risk,
          rollback: msg.which === 'run' && step.rollback ? renderCommand(step, 'rollback', distro, msg.params) : null,
          user: s.user,
        });
        return;
      }
    } finally {
      s.busy = false;
    }
    await this.#execute(pending);
  }

  async confirm(msg: ConfirmMessage): Promise<void> {
    const p = this.#pending;
    if (!p || p.runId !== msg.runId) throw new StepError('unknown-run', `No step is waiting for confirmation as ${msg.runId}`);
    this.#pending = null;
    if (!msg.accept) {
      this.#send({
        type: 'error',
        code: 'declined',
        message: `Not run: ${p.msg.runbook}/${p.step.id} (${p.msg.which}) was declined`,
        fatal: false,
      });
      return;
    }
    if (this.#session.busy) throw new StepError('busy', 'A step is already running in this terminal; wait for its result');
    await this.#execute(p);
  }

  async #execute({ runId, msg, step, command }: Pending): Promise<void> {
    const s = this.#session;
    this.#refuseAtPrompt();
    s.busy = true;
    try {
      this.#send({ type: 'started', runId, runbook: msg.runbook, step: step.id, which: msg.which, command });
      const label = `runguide: ${msg.runbook}/${step.id}${msg.which === 'run' ? '' : ` (${msg.which})`}`;
      const sudo = step.root && s.uid !== 0;
      const r = await s.exec(command, { timeoutMs: step.timeout * 1000, sudo, label });
      // Under sudo the root shell prints the start mark: none means sudo never ran the command
      // (wrong password, no rights, Ctrl-C or no answer at its prompt, no sudo). Not the check's "fail".
      const refused = sudo && !r.started && r.exitCode !== NO_PAYLOAD_EXIT;
      const expect = msg.which === 'run' ? step.expect : msg.which === 'verify' ? step.verify!.expect : ROLLBACK_EXPECT;
      const verdict: Verdict = refused || r.timedOut || r.exitCode === null ? 'error' : evaluate(expect, r.exitCode, plainText(r.output));
      const entry: AuditEntry = {
        time: new Date().toISOString(),
        session: s.id,
        host: s.host.id,
        runbook: msg.runbook,
        step: step.id,
        which: msg.which,
        command,
        exitCode: r.timedOut || refused ? null : r.exitCode,
        verdict,
        durationMs: r.durationMs,
        ...(sudo ? { sudo: refused ? 'refused' : 'ran' } : {}),
      };
      const written = await appendAudit(this.#auditLog, entry, s.secrets);
      s.recorder?.mark(JSON.stringify(written));
      // What the page offers next: the rollback of a change that did not pass, or, for a verify
      // that a restart of the server will satisfy, a restart hint instead (render.ts decides).
      const advice = refused ? null : adviceAfter(step, msg.which, verdict);
      const rollback = advice === 'rollback' && step.rollback ? renderCommand(step, 'rollback', s.distro!, msg.params) : null;
      if (refused)
        this.#send({
          type: 'error',
          code: 'sudo-refused',
          message: `Not run: ${msg.runbook}/${step.id} needs root, and ${
            r.timedOut
              ? `sudo's password prompt got no answer for ${SUDO_WAIT_MS / 60_000} minutes`
              : r.exitCode === 127
                ? 'this user has no sudo command: log in as root, or install sudo'
                : "sudo refused to run it (wrong password, no sudo rights for this user, or cancelled); sudo's own words are in the terminal"
          }`,
          fatal: false,
        });
      const output = lastLine(plainText(r.output));
      const text = reportText(plainText(r.output));
      this.#send({
        type: 'result',
        runId,
        runbook: msg.runbook,
        step: step.id,
        which: msg.which,
        verdict,
        exitCode: entry.exitCode,
        durationMs: r.durationMs,
        rollback,
        restart: advice === 'restart',
        output,
        text,
      });
    } finally {
      s.busy = false;
    }
  }

  /** Typing into a password or host-key prompt would answer it with our command line: refuse. */
  #refuseAtPrompt(): void {
    if (ASKING.test(this.#session.cursor().text))
      throw new StepError(
        'not-at-prompt',
        'The terminal is waiting for an answer (password or host key): answer it in the terminal first, then run the step again',
      );
  }

  /**
   * A fresh ssh session may still be logging in: wait (a while) for a shell prompt, so the first
   * typed line is not read by ssh as an answer. Gives up waiting, not running, after SSH_SETTLE_MS.
   */
  async #settle(): Promise<void> {
    const s = this.#session;
    if (s.host.kind !== 'ssh') return;
    const until = performance.now() + SSH_SETTLE_MS;
    while (performance.now() < until && !s.ended) {
      const line = s.cursor().text;
      if (ASKING.test(line)) break;
      if (/[$#%>❯]\s*$/.test(line)) return;
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }

  /** Detects the distro family and user id once per session, over the session's own terminal. */
  async #distro(): Promise<Distro> {
    const s = this.#session;
    if (s.distro) return s.distro;
    // run() holds the terminal (busy) meanwhile.
    await this.#settle();
    this.#refuseAtPrompt();
    const r = await s.exec('. /etc/os-release 2>/dev/null; echo "os-release: $ID $ID_LIKE"; echo "uid: $(id -u) $(id -un)"', {
      timeoutMs: PROBE_TIMEOUT_MS,
      label: 'runguide: detecting the distribution',
    });
    const text = plainText(r.output);
    const os = /os-release: (.*)/.exec(text)?.[1]?.trim().split(/\s+/) ?? [];
    const [, uid, user] = /uid: (\d+) (\S+)/.exec(text) ?? [];
    if (r.timedOut)
      throw new StepError('probe-timeout', 'Could not detect the distribution: the terminal did not answer (is it at a shell prompt?)');
    s.uid = uid === undefined ? null : Number(uid);
    s.user = user ?? null;
    const family = distroFamily(os.map((w) => w.toLowerCase().replace(/"/g, '')));
    if (!family)
      throw new StepError(
        'unknown-distro',
        `unknown distribution (${os.join(' ') || 'no /etc/os-release'}): runguide knows EL (AlmaLinux, CloudLinux, Rocky) and Ubuntu/Debian`,
      );
    s.distro = family;
    this.#send({ type: 'distro', distro: family, user: s.user });
    return family;
  }
}
