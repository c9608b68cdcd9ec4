// "Download report": the checks run from this page, their output and the verdict, as one HTML or
// Markdown file made in the browser by the report template (export/report), the same the exported
// script and playbook write. Loaded only when the user asks for a report. The runner redacted each
// output before sending it; the values the user marked secret are redacted here, before the file
// exists. `downloadReport` takes any number of hosts (the fleet view gives many).
import type { FleetVerdict } from '../../core/fleet.ts';
import { fill, localeOf } from '../../core/locales.ts';
import { assess, commandFor, diagnosisSteps, isUniversal } from '../../core/render.ts';
import type { Runbook } from '../../core/schema.ts';
import type { Verdict } from '../../core/step-ref.ts';
import type { RunbookTexts } from '../../export/plan.ts';
import { reportDate, type ReportData, type ReportFormat, type ReportHost } from '../../export/report/model.ts';
import { renderReport } from '../../export/report/render.ts';
import { reportFileName } from '../../export/report/template.ts';
import { exportStrings } from '../../i18n/export.ts';
import { loadResults, resultKey, type Results } from './results.ts';
import { markedSecrets } from './secrets.ts';

/** What the page embeds for its Export control (ExportPanel.astro): the runbook's texts and version. */
interface PageData {
  slug: string;
  version: string;
  texts: Record<string, RunbookTexts>;
}

/** One host's part of a report, from the results kept with the tab. */
export function hostReport(rb: Runbook, texts: RunbookTexts | undefined, results: Results): ReportHost {
  const verdicts: Record<string, Verdict> = {};
  const checks = diagnosisSteps(rb).map((step) => {
    const r = results.steps[resultKey(step.id, 'run')];
    if (r) verdicts[step.id] = r.verdict;
    return {
      id: step.id,
      title: texts?.steps[step.id]?.title || step.id,
      // The command the runner typed; for a check not run, its text when every distro shares it.
      command: r?.command ?? (isUniversal(step.run) ? commandFor(step.run, 'el') : ''),
      output: r?.text || r?.output || '',
      verdict: r?.verdict ?? ('none' as const),
    };
  });
  return { name: results.hostLabel, outcome: assess(rb, verdicts).outcome, reason: '', checks };
}

/** Offers `data`'s report (one host or many) as a download; resolves to the file's name. */
export function downloadReport(data: ReportData, format: ReportFormat): string {
  const content = renderReport(data, format, markedSecrets());
  const name = reportFileName(data, format, data.date);
  const url = URL.createObjectURL(new Blob([content], { type: format === 'html' ? 'text/html' : 'text/markdown' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** A report of `hosts` on this page's runbook, with what the page embeds (texts, version). */
function pageReport(rb: Runbook, hosts: (texts: RunbookTexts | undefined) => ReportHost[]): ReportData | null {
  const page = JSON.parse(document.querySelector('.rg-export-data')?.textContent ?? 'null') as PageData | null;
  if (!page) return null;
  const lang = localeOf(document.documentElement.lang);
  const texts = page.texts[lang];
  return {
    lang,
    slug: rb.slug,
    title: texts?.title ?? document.querySelector('h1')?.textContent?.trim() ?? rb.slug,
    url: `${location.origin}${location.pathname}`,
    version: page.version,
    date: reportDate(new Date()),
    recommend: rb.recommend,
    source: rb.source.url,
    hosts: hosts(texts),
  };
}

/** The report of this page's host, if checks were run; says in `status` which file it gave. */
export function downloadPageReport(rb: Runbook, format: ReportFormat, status: HTMLElement | null): void {
  const results = loadResults();
  const data = results && pageReport(rb, (texts) => [hostReport(rb, texts, results)]);
  if (!data) return;
  const name = downloadReport(data, format);
  if (status) status.textContent = fill(exportStrings[data.lang].report.downloaded, { file: name });
}

/** One host of a fleet run as the runner reported it: its checks' commands, outputs and verdicts. */
export interface FleetHostResult {
  host: string;
  /** An unreachable host was not assessed: its report says so, with `message`, and lists no check. */
  verdict: FleetVerdict;
  /** The runner's words on an unreachable or undecided host (ssh's, Ansible's). */
  message: string;
  checks: Record<string, { verdict: Verdict; text: string; output: string; command: string }>;
}

/** The report of a fleet run's hosts; resolves to the file's name (null off a runbook page). */
export function downloadFleetReport(rb: Runbook, results: readonly FleetHostResult[], format: ReportFormat): string | null {
  const data = pageReport(rb, (texts) =>
    results.map((r) => ({
      name: r.host,
      outcome: r.verdict,
      reason: r.verdict === 'unreachable' ? r.message : '',
      checks: diagnosisSteps(rb).map((step) => {
        const c = r.checks[step.id];
        return {
          id: step.id,
          title: texts?.steps[step.id]?.title || step.id,
          command: c?.command ?? '',
          output: c?.text || c?.output || '',
          verdict: c?.verdict ?? ('none' as const),
        };
      }),
    })),
  );
  return data && downloadReport(data, format);
}
