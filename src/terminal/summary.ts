// "Run all checks": the runbook's diagnosis steps on this page, in page order, one at a time, then
// the verdict of the whole runbook (assess() from the step module) with links into the page.
import { runbooks } from '../../runbooks/index.ts';
import { assess, type Verdict } from '../runbook/render.ts';
import { format, type TerminalStrings } from '../i18n/terminal.ts';

/** The diagnosis steps of the page: sections without data-fix, in document order. */
export function diagnosisSections(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.rg-step[data-runbook][data-step]')].filter(
    (el) => !el.dataset.fix,
  );
}

/**
 * Runs each check with `run` (resolves to its verdict, or null when it could not run) and fills
 * `out` with progress, then the summary. Stops at the first check that could not run.
 */
export async function runAllChecks(
  run: (section: HTMLElement) => Promise<Verdict | null>,
  out: HTMLElement,
  s: TerminalStrings,
  reasonOf: () => string,
): Promise<void> {
  const sections = diagnosisSections();
  const slug = sections[0]?.dataset.runbook;
  const rb = slug ? runbooks[slug] : undefined;
  if (!rb) return;
  const verdicts: Record<string, Verdict> = {};
  for (const [i, section] of sections.entries()) {
    out.replaceChildren(paragraph(format(s.progress, { n: i + 1, total: sections.length })));
    const verdict = await run(section);
    if (!verdict) {
      out.replaceChildren(paragraph(format(s.runAllStopped, { reason: reasonOf() })));
      return;
    }
    verdicts[section.dataset.step!] = verdict;
  }
  const { outcome, atRisk, factors, recommend } = assess(rb, verdicts);
  const head = paragraph({ 'at-risk': s.atRisk, 'at-risk-latent': s.atRiskLatent, 'not-at-risk': s.notAtRisk, undecided: s.riskUnknown }[outcome]);
  head.dataset.atRisk = String(atRisk);
  head.dataset.outcome = outcome;
  head.className = 'rg-summary-head';
  const parts: HTMLElement[] = [head];
  if (factors.length > 0) {
    const list = document.createElement('ul');
    list.className = 'rg-summary-factors';
    for (const step of rb.steps.filter((st) => st.factor && factors.includes(st.factor) && verdicts[st.id] === 'fail')) {
      const item = document.createElement('li');
      item.append(link(`#${sectionHeadingId(step.id)}`, stepTitle(step.id)));
      list.append(item);
    }
    parts.push(paragraph(s.factorsFound), list);
  }
  if (recommend) {
    const heading = fixHeading(recommend);
    const p = paragraph(`${s.recommend} `);
    p.className = 'rg-summary-recommend';
    p.append(heading ? link(`#${heading.id}`, heading.textContent!.trim()) : document.createTextNode(recommend));
    parts.push(p);
  }
  out.replaceChildren(...parts);
}

function sectionHeadingId(step: string): string {
  const section = document.querySelector<HTMLElement>(`.rg-step[data-step="${CSS.escape(step)}"]`);
  return section?.querySelector('h2[id], h3[id], h4[id]')?.id ?? section?.id ?? '';
}

function stepTitle(step: string): string {
  const section = document.querySelector<HTMLElement>(`.rg-step[data-step="${CSS.escape(step)}"]`);
  return section?.querySelector('h2, h3, h4')?.textContent?.trim() || step;
}

/** The heading of the page section that holds a fix: the last h2 before its first step. */
function fixHeading(fix: string): HTMLElement | undefined {
  const first = document.querySelector<HTMLElement>(`.rg-step[data-fix="${CSS.escape(fix)}"]`);
  if (!first) return undefined;
  let found: HTMLElement | undefined;
  for (const h of document.querySelectorAll<HTMLElement>('main h2[id]'))
    if (h.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
  return found;
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}
