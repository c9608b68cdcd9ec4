// Fails `astro build` (and `astro dev`) when a runbook's MDX names a step its module lacks.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { runbooks } from '../../runbooks/index.ts';
import { readRunbookMdx, runbookMdxFiles } from './mdx-steps.ts';

export function checkStepReferences(): AstroIntegration {
  return {
    name: 'runguide:check-step-references',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const root = fileURLToPath(config.root);
        const problems: string[] = [];
        for (const [slug, rb] of Object.entries(runbooks)) {
          const ids = new Set(rb.steps.map((s) => s.id));
          for (const [, path] of runbookMdxFiles(root, slug))
            for (const ref of readRunbookMdx(path)) {
              const where = `${relative(root, path)}:${ref.line}`;
              if (ref.malformed)
                problems.push(`${where}: a <Step> tag whose attributes are not all "double-quoted" strings`);
              else if (!ids.has(ref.id)) problems.push(`${where}: unknown step id "${ref.id}" (runbook ${slug})`);
              else if (!ref.title) problems.push(`${where}: step "${ref.id}" has no title`);
              else if (!ref.pass) problems.push(`${where}: step "${ref.id}" has no pass (what a pass looks like)`);
            }
        }
        if (problems.length) throw new Error(`Runbook step references are broken:\n${problems.join('\n')}`);
      },
    },
  };
}
