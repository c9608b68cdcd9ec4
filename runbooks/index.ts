// Every runbook of the site, by slug. Adding a runbook: a folder with steps.ts and one MDX per
// locale, and one line here.
import cpanelBackupFreeze from './cpanel-backup-freeze/steps.ts';
import type { Runbook } from '../core/schema.ts';

export const runbooks: Record<string, Runbook> = {
  [cpanelBackupFreeze.slug]: cpanelBackupFreeze,
};
