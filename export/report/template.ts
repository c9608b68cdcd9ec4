// THE report template, written once: what a report says and in which order, in the language of
// the page (or of the export), for any number of hosts. Static text is localized here; values
// are slots that each back end fills: the page's JavaScript (render.ts), the exported script's
// bash (bash.ts) and the playbook's Jinja (jinja.ts). Markup comes from markup.ts, per format.
import { cap, glossaries } from '../../core/glossary.ts';
import { fill, type Locale } from '../../core/locales.ts';
import { FLEET_VERDICTS, type FleetVerdict } from '../../core/fleet.ts';
import type { FixId } from '../../core/schema.ts';
import { exportStrings, outcomeText } from '../../i18n/export.ts';
import { MARKUP } from './markup.ts';
import type { Plan } from '../plan.ts';
import type { Part, ReportFormat, Slot } from './model.ts';

/** What the template needs to know before any host is seen: the runbook, its language, its fix. */
export interface ReportMeta {
  lang: Locale;
  slug: string;
  title: string;
  recommend: FixId;
  /** The guide the runbook derives from (OVHcloud's): a link a reader of the report can open anywhere. */
  source: string;
}

const SIGN = { pass: '✓', fail: '✗', error: '⚠', none: '–' } as const;

/** What an export's plan tells the template (the script's and the playbook's report). */
export const planMeta = (plan: Plan): ReportMeta => ({
  lang: plan.options.lang,
  slug: plan.runbook.slug,
  title: plan.texts.title,
  recommend: plan.runbook.recommend,
  source: plan.runbook.source.url,
});

/** The commands that export the recommended fix, as a script and as a playbook. */
export const fixCommands = (m: ReportMeta) =>
  `runguide export ${m.slug} --lang ${m.lang} --fix ${m.recommend}\nrunguide export ${m.slug} --format ansible --lang ${m.lang} --fix ${m.recommend}`;

/** Where the runbook is read: its page on the runner, at the address `./runguide start` serves by default. */
export const runbookUrl = (lang: Locale, slug: string) => `http://127.0.0.1:4321/${lang}/${slug}/`;

/** The report's file name, as the page offers it. */
export const reportFileName = (m: Pick<ReportMeta, 'slug' | 'lang'>, format: ReportFormat, date: string) =>
  `${m.slug}-report-${m.lang}-${date.slice(0, 10)}.${format}`;

export function reportTemplate(format: ReportFormat, m: ReportMeta): Part[] {
  const t = exportStrings[m.lang];
  const r = t.report;
  const g = glossaries[m.lang];
  const k = MARKUP[format];
  const label = (text: string, value: Part[]) =>
    k.p([...k.strong([k.t(`${text}${t.colon.trimEnd()}`)]), ...(value.length ? [k.t(' '), ...value] : [])]);
  /** A localized text with one `{name}` slot: its two halves static, the slot between them. */
  const around = (template: string, name: string, slot: Slot): Part[] => {
    const [before, after] = fill(template, {}).split(`{${name}}`) as [string, string?];
    return [k.t(before), k.v(slot), k.t(after ?? '')];
  };
  /** A static text as the format writes it (what a `pick` chooses from). */
  const st = (text: string) => (k.t(text) as { text: string }).text;
  const byOutcome = (text: (o: FleetVerdict) => string) =>
    Object.fromEntries(FLEET_VERDICTS.map((o) => [o, st(text(o))])) as Record<FleetVerdict, string>;
  const outcomeWord: Part = { pick: 'outcome', of: byOutcome((o) => cap(o === 'unreachable' ? g.unreachable : g.outcome[o])) };
  const outcomeClass: Part = { pick: 'outcome', of: byOutcome((o) => o) };
  const verdictClass: Part = { pick: 'verdict', of: { pass: 'pass', fail: 'fail', error: 'error', none: 'none' } };
  const verdictWord: Part = {
    pick: 'verdict',
    of: {
      pass: st(`${SIGN.pass} ${g.check.pass}`),
      fail: st(`${SIGN.fail} ${g.check.fail}`),
      error: st(`${SIGN.error} ${g.check.error}`),
      none: st(`${SIGN.none} ${r.notRun}`),
    },
  };
  const hostAnchor: Part[] = [k.t('host-'), k.v('hostN')];
  const checkAnchor: Part[] = [...hostAnchor, k.t('-'), k.v('checkId')];
  const href = (anchor: Part[]) => [k.t('#'), ...anchor];

  const check: Part[] = [
    ...k.h(3, [k.v('checkN'), k.t('. '), k.v('checkTitle')], checkAnchor),
    ...label(r.result, k.mark(verdictClass, [verdictWord])),
    ...label(r.command, []),
    ...k.block('command'),
    ...label(r.output, []),
    { when: { check: 'output' }, show: k.block('output'), otherwise: k.p([k.t(r.noOutput)]) },
  ];

  /** What a reached host's section says after its assessment: what was found, the fix, each check. */
  const reached: Part[] = [
    {
      when: { host: 'found' },
      show: [
        ...k.p([k.t(t.verdict.found)]),
        ...k.ul([{ each: 'checks', body: [{ when: { check: 'failed' }, show: k.li([k.v('checkTitle')]) }] }]),
      ],
    },
    {
      when: { host: 'at-risk' },
      show: [
        ...label(t.verdict.recommend.replace(/\s*:\s*$/, ''), [k.t(t.fixes[m.recommend])]),
        ...k.p([k.t(r.exportFix)]),
        ...k.staticBlock(fixCommands(m)),
      ],
    },
    ...k.table(
      around(r.checksOn, 'host', 'host'),
      [r.check, r.result],
      [{ each: 'checks', body: k.tr(k.link([k.v('checkTitle')], href(checkAnchor), true), [k.mark(verdictClass, [verdictWord])]) }],
    ),
    { each: 'checks', body: check },
  ];

  const host: Part[] = [
    ...k.h(2, [k.v('host')], hostAnchor),
    ...label(
      r.assessment,
      k.mark(outcomeClass, [{ pick: 'outcome', of: byOutcome((o) => (o === 'unreachable' ? cap(g.unreachable) : outcomeText(t, o))) }]),
    ),
    { when: { host: 'reached' }, show: reached, otherwise: [...k.p([k.t(r.notReached)]), ...k.block('reason')] },
  ];

  const heading = `${r.heading}${t.colon}${m.title}`;
  return k.doc(m.lang, heading, [
    ...k.h(1, [k.t(heading)]),
    ...label(r.runbook, k.link([k.t(m.title)], [k.v('url')])),
    ...label(t.header.source, k.link([k.t(m.source)], [k.t(m.source)])),
    ...label(r.date, [k.v('date')]),
    ...label(r.version, [k.v('version')]),
    ...k.p([k.t(r.redacted)]),
    ...k.table(
      [k.t(r.hosts)],
      [r.host, r.assessment],
      [{ each: 'hosts', body: k.tr(k.link([k.v('host')], href(hostAnchor), true), [k.mark(outcomeClass, [outcomeWord])]) }],
    ),
    { each: 'hosts', body: host },
  ]);
}
