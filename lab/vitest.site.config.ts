import { getViteConfig } from 'astro/config';

// The lab's site-side test (the LabEvidence table), compiled by Astro's own Vite set-up.
export default getViteConfig({ test: { include: ['lab/test/evidence-table.test.ts'], testTimeout: 120_000 } } as never);
