// The export, as one call: options in, a file out. The page (lazy-loaded in the browser) and the
// CLI both call this, so the same options give byte-identical files.
import type { Runbook } from '../core/schema.ts';
import type { Locale } from '../core/locales.ts';
import { exportFileName, planExport, type ExportOptionsInput, type RunbookTexts } from './plan.ts';
import { generateShell } from './shell.ts';
import { generateAnsible } from './ansible.ts';

export { ExportError, ExportOptionsSchema, DEFAULT_DISTRO, FORMATS, type RunbookTexts, type ExportOptionsInput } from './plan.ts';

export interface ExportedFile {
  name: string;
  mime: string;
  content: string;
}

export function exportRunbook(
  runbook: Runbook,
  texts: Partial<Record<Locale, RunbookTexts>>,
  options: ExportOptionsInput,
  version: string,
): ExportedFile {
  const plan = planExport(runbook, texts, options, version);
  const sh = plan.options.format === 'sh';
  return {
    name: exportFileName(plan),
    mime: sh ? 'text/x-shellscript' : 'application/yaml',
    content: sh ? generateShell(plan) : generateAnsible(plan),
  };
}
