// Which runbook a Starlight route shows. Runbook pages have ids `<locale>/<slug>` (see
// src/content.config.ts); any other page (home pages, 404) is not a runbook page.
import { runbooks } from '../../../runbooks/index.ts';
import type { Runbook } from '../../../core/schema.ts';

export interface RunbookRoute {
  slug: string;
  runbook: Runbook;
}

export function routeRunbook(routeId: string): RunbookRoute | undefined {
  const [, slug, ...rest] = routeId.split('/');
  if (!slug || rest.length > 0) return undefined;
  const runbook = runbooks[slug];
  return runbook ? { slug, runbook } : undefined;
}
