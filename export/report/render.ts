// The JavaScript back end of the report template: the page (one host, or a fleet) fills the slots
// with its values, redacting what came from a host with the shared rules and the values the user
// marked secret, before anything is escaped or written.
import { redact } from '../../core/redact.ts';
import { escapeAs, trimEnd } from './escape.ts';
import {
  FROM_HOST,
  type Cond,
  type Part,
  type ReportCheck,
  type ReportData,
  type ReportFormat,
  type ReportHost,
  type Slot,
} from './model.ts';
import { reportTemplate } from './template.ts';

interface Scope {
  host?: ReportHost;
  hostN?: number;
  check?: ReportCheck;
  checkN?: number;
}

function value(slot: Slot, data: ReportData, s: Scope): string {
  switch (slot) {
    case 'url':
    case 'version':
    case 'date':
      return data[slot];
    case 'host':
      return s.host!.name;
    case 'hostN':
      return String(s.hostN);
    case 'reason':
      return trimEnd(s.host!.reason);
    case 'checkN':
      return String(s.checkN);
    case 'checkId':
      return s.check!.id;
    case 'checkTitle':
      return s.check!.title;
    case 'command':
      return s.check!.command;
    case 'output':
      return trimEnd(s.check!.output);
  }
}

function holds(c: Cond, s: Scope): boolean {
  if ('host' in c) {
    const { outcome, checks } = s.host!;
    if (c.host === 'reached') return outcome !== 'unreachable';
    return c.host === 'found' ? checks.some((x) => x.verdict === 'fail') : ['at-risk', 'at-risk-latent'].includes(outcome);
  }
  return c.check === 'failed' ? s.check!.verdict === 'fail' : trimEnd(s.check!.output) !== '';
}

function render(parts: Part[], data: ReportData, secrets: readonly string[], s: Scope): string {
  let out = '';
  for (const p of parts) {
    if ('text' in p) out += p.text;
    else if ('slot' in p) {
      const v = value(p.slot, data, s);
      out += escapeAs(p.as, FROM_HOST.has(p.slot) ? redact(v, secrets) : v);
    } else if ('pick' in p) out += p.pick === 'outcome' ? p.of[s.host!.outcome] : p.of[s.check!.verdict];
    else if ('when' in p) out += render(holds(p.when, s) ? p.show : (p.otherwise ?? []), data, secrets, s);
    else if (p.each === 'hosts') out += data.hosts.map((host, i) => render(p.body, data, secrets, { host, hostN: i + 1 })).join('');
    else out += s.host!.checks.map((check, i) => render(p.body, data, secrets, { ...s, check, checkN: i + 1 })).join('');
  }
  return out;
}

/**
 * The report of `data` (one host or many) in `format`. `secrets`: values the user marked secret,
 * redacted wherever a host's value shows them, as the shared rules redact secret-looking ones.
 */
export function renderReport(data: ReportData, format: ReportFormat, secrets: readonly string[] = []): string {
  return render(reportTemplate(format, data), data, secrets, {});
}
