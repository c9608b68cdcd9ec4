// The verdict card (Assessment.astro) and its one-line echo in the dock: the runbook's outcome from
// the checks run so far (assess() of the step module), each condition of its rule with the checks
// behind it and the line each one printed, the checks that could not tell, and the fix to apply.
import { assess, diagnosisSteps } from '../../core/render.ts';
import type { Verdict } from '../../core/step-ref.ts';
import type { Factor, Runbook, Rule, Step } from '../../core/schema.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';
import { fill } from '../../core/locales.ts';
import type { Glossary } from '../../core/glossary.ts';
import { resultKey, type Results } from './results.ts';

type GroupState = 'present' | 'absent' | 'unknown';
const ICON: Record<GroupState | Verdict, string> = { present: '✗', absent: '✓', unknown: '?', pass: '✓', fail: '✗', error: '⚠' };

export interface CardView {
  card: HTMLElement | null;
  /** The dock's status line. */
  bar: HTMLElement;
  s: TerminalStrings;
  g: Glossary;
}

/** While "Run all checks" runs: where it is, in the card and in the dock. */
export function showProgress(v: CardView, n: number, total: number): void {
  const text = fill(v.s.progress, { n, total });
  v.bar.replaceChildren(el('p', text));
  if (v.card) body(v.card).replaceChildren(el('p', text));
}

/** Fills the card and the dock from the results; empty when no check has run. */
export function showAssessment(v: CardView, rb: Runbook, results: Results | null, restored = false): void {
  const { s } = v;
  const checks = diagnosisSteps(rb);
  const verdicts: Record<string, Verdict> = {};
  let latest = 0;
  for (const step of checks) {
    const r = results?.steps[resultKey(step.id, 'run')];
    if (!r) continue;
    verdicts[step.id] = r.verdict;
    latest = Math.max(latest, r.at);
  }
  const ran = Object.keys(verdicts).length;
  // "Download report" once there is something to report.
  const report = v.card?.querySelector<HTMLElement>('.rg-report-actions');
  if (report) report.hidden = ran === 0 || !results;
  if (ran === 0 || !results) {
    v.bar.replaceChildren();
    if (v.card) {
      v.card.dataset.state = 'empty';
      body(v.card).replaceChildren();
    }
    return;
  }
  const a = assess(rb, verdicts);
  const complete = ran === checks.length;

  // The dock: the verdict in a few words, a link to the card.
  const short = el('p');
  short.className = 'rg-summary-head';
  short.dataset.outcome = a.outcome;
  short.dataset.atRisk = String(a.atRisk);
  short.append(v.card ? link('#rg-assessment', s.outcome[a.outcome]) : s.outcome[a.outcome]);
  if (!complete) short.append(` · ${fill(s.card.partial, { n: ran, total: checks.length })}`);
  v.bar.replaceChildren(short);
  if (!v.card) return;

  const parts: HTMLElement[] = [];
  const head = el(
    'p',
    { 'at-risk': s.atRisk, 'at-risk-latent': s.atRiskLatent, 'not-at-risk': s.notAtRisk, undecided: s.riskUnknown }[a.outcome],
  );
  head.className = 'rg-card-verdict';
  head.dataset.outcome = a.outcome;
  head.dataset.atRisk = String(a.atRisk);
  parts.push(head);
  const time = new Intl.DateTimeFormat(document.documentElement.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(latest);
  const about = el(
    'p',
    fill(results.user ? s.card.about : s.card.aboutNoUser, { host: results.hostLabel, user: results.user ?? '', time }),
  );
  about.className = 'rg-card-about';
  parts.push(about);
  if (restored) parts.push(Object.assign(el('p', s.card.restored), { className: 'rg-card-restored' }));
  if (!complete) parts.push(el('p', fill(s.card.partial, { n: ran, total: checks.length })));

  // The conditions of the rule that decides: the latent one when that is the outcome.
  const rule: Rule = a.outcome === 'at-risk-latent' && rb.risk.latent ? rb.risk.latent : rb.risk.now;
  const shown = new Set<Factor>(rule.flat());
  const factorVerdict = (f: Factor) => {
    const vs = checks.filter((st) => st.factor === f).map((st) => verdicts[st.id]);
    return vs.includes('fail') ? 'fail' : vs.length > 0 && vs.every((x) => x === 'pass') ? 'pass' : undefined;
  };
  parts.push(el('p', a.outcome === 'at-risk-latent' ? s.card.conditionsLatent : s.card.conditions));
  const conditions = el('ul');
  conditions.className = 'rg-conditions';
  for (const group of rule) {
    const vs = group.map(factorVerdict);
    const state: GroupState = vs.includes('fail') ? 'present' : vs.every((x) => x === 'pass') ? 'absent' : 'unknown';
    const item = el('li');
    item.dataset.state = state;
    const title = el('p');
    title.className = 'rg-condition';
    const name = Object.hasOwn(s.factorGroup, group.join('+')) ? s.factorGroup[group.join('+')] : group.map((f) => s.factor[f]).join(' / ');
    title.append(
      icon(ICON[state]),
      `${name}${s.colon}`,
      strong({ present: s.card.present, absent: s.card.absent, unknown: s.card.unknown }[state]),
    );
    item.append(
      title,
      checkList(
        checks.filter((st) => st.factor && group.includes(st.factor)),
        results,
        v,
      ),
    );
    conditions.append(item);
  }
  parts.push(conditions);

  const others = checks.filter((st) => !st.factor || !shown.has(st.factor));
  if (others.some((st) => verdicts[st.id])) parts.push(el('p', s.card.others), checkList(others, results, v));

  const errored = checks.filter((st) => verdicts[st.id] === 'error');
  if (errored.length > 0) {
    const list = el('ul');
    list.className = 'rg-card-errored';
    for (const st of errored) {
      const item = el('li');
      item.append(stepLink(st.id));
      list.append(item);
    }
    parts.push(el('p', s.card.errored), list);
  }

  if (a.recommend) {
    const fix = fixHeading(a.recommend);
    const p = el('p', `${s.recommend} `);
    p.className = 'rg-summary-recommend';
    p.append(fix ? link(`#${fix.id}`, fix.textContent!.trim()) : a.recommend);
    const why = s.recommendWhy[a.recommend as keyof TerminalStrings['recommendWhy']];
    parts.push(p);
    if (why) parts.push(Object.assign(el('p', `${s.card.why} ${why}`), { className: 'rg-card-why' }));
  }
  v.card.dataset.state = a.outcome;
  body(v.card).replaceChildren(...parts);
}

function checkList(steps: Step[], results: Results, v: CardView): HTMLUListElement {
  const list = el('ul');
  list.className = 'rg-card-checks';
  for (const st of steps) {
    const r = results.steps[resultKey(st.id, 'run')];
    const item = el('li');
    item.dataset.verdict = r?.verdict ?? 'none';
    if (r) item.append(icon(ICON[r.verdict]));
    item.append(stepLink(st.id), v.s.colon, strong(r ? v.g.check[r.verdict] : v.s.card.unknown));
    if (r?.output) {
      const out = el('code', r.output);
      out.className = 'rg-card-output';
      item.append(' ', out);
    }
    list.append(item);
  }
  return list;
}

const body = (card: HTMLElement) => card.querySelector<HTMLElement>('.rg-assessment-body')!;

function stepLink(step: string): HTMLAnchorElement {
  const section = document.querySelector<HTMLElement>(`.rg-step[data-step="${CSS.escape(step)}"]`);
  const heading = section?.querySelector<HTMLElement>('h2[id], h3[id], h4[id]');
  return link(`#${heading?.id ?? ''}`, heading?.textContent?.trim() || step);
}

/** The heading of the page section that holds a fix: the last h2 before its first step. */
export function fixHeading(fix: string): HTMLElement | undefined {
  const first = document.querySelector<HTMLElement>(`.rg-step[data-fix="${CSS.escape(fix)}"]`);
  if (!first) return undefined;
  let found: HTMLElement | undefined;
  for (const h of document.querySelectorAll<HTMLElement>('main h2[id]'))
    if (h.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
  return found;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = el('a', text);
  a.href = href;
  return a;
}

function strong(text: string): HTMLElement {
  return el('strong', text);
}

function icon(text: string): HTMLElement {
  const i = el('span', text);
  i.className = 'rg-icon';
  i.setAttribute('aria-hidden', 'true');
  return i;
}
