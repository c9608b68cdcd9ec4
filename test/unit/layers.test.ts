// The import rule (ARCHITECTURE.md): each top-level folder is a layer and may import only the layers
// listed for it, all below it; `core/` imports nothing of the project, and nothing but zod. Read
// from the source of every file git knows, .astro and .mdx included (frontmatter and scripts).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, test } from 'vitest';

/** What each layer may import, besides itself. */
const LAYERS: Record<string, readonly string[]> = {
  core: [],
  i18n: ['core'],
  runbooks: ['core'],
  export: ['core', 'i18n'],
  server: ['core', 'runbooks'],
  src: ['core', 'i18n', 'runbooks', 'export'],
  cli: ['core', 'i18n', 'runbooks', 'export', 'src'],
  lab: ['core', 'i18n', 'runbooks', 'export', 'server', 'cli'],
  bench: ['core', 'server'],
  // Root files: the Astro and Vitest configuration.
  '.': ['core', 'i18n', 'runbooks', 'src', 'lab'],
};
/** Layers the page's scripts import: zod/mini only (core/zod.ts), whose unused parts the bundler drops. */
const PAGE_LAYERS = ['core', 'i18n', 'runbooks', 'export', 'src'];
/** Packages core may import: no Node built-ins, nothing that needs a DOM. */
const CORE_PACKAGES = ['zod'];

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

interface Problem {
  file: string;
  spec: string;
  why: string;
}

/** The problems of a set of files, given as path → source. */
function importProblems(files: Record<string, string>): Problem[] {
  const problems: Problem[] = [];
  const layerOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : '.');
  for (const [file, text] of Object.entries(files)) {
    const from = layerOf(file);
    const allowed = LAYERS[from];
    if (!allowed) {
      problems.push({ file, spec: '', why: `${from}/ is not a layer of ARCHITECTURE.md` });
      continue;
    }
    for (const [, spec] of text.matchAll(IMPORT)) {
      if (!spec!.startsWith('.')) {
        const pkg = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
        if (from === 'core' && !CORE_PACKAGES.includes(pkg)) problems.push({ file, spec: spec!, why: 'core imports only zod' });
        // The page bundles these layers: zod classic there would carry all of zod to the browser.
        if (pkg === 'zod' && spec !== 'zod/mini' && PAGE_LAYERS.includes(from))
          problems.push({ file, spec: spec!, why: 'the page loads this layer: zod through core/zod.ts (zod/mini)' });
        continue;
      }
      const target = normalize(join(dirname(file), spec!.split('?')[0]!));
      if (target.startsWith('..')) {
        problems.push({ file, spec: spec!, why: 'imports from outside the repository' });
        continue;
      }
      // build/runner/ is the sources built (tsconfig.runner.json): a file there is in its source's layer.
      const to = layerOf(target.replace(/^build\/runner\//, ''));
      if (to !== from && !allowed.includes(to))
        problems.push({ file, spec: spec!, why: `${from === '.' ? 'a root file' : `${from}/`} may not import ${to}/` });
    }
  }
  return problems;
}

const SOURCE = /\.(ts|mts|mjs|js|astro|mdx)$/;
const repoFiles = () =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => SOURCE.test(f) && !f.startsWith('test/') && !/(^|\/)test\//.test(f));

describe('the import rule', () => {
  test('no file imports a layer above its own, nor a sibling layer', () => {
    const files = Object.fromEntries(repoFiles().map((f) => [f, readFileSync(f, 'utf8')]));
    expect(Object.keys(files).length).toBeGreaterThan(50);
    const problems = importProblems(files).map((p) => `${p.file}: ${p.spec} (${p.why})`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('the check finds what it forbids', () => {
    const bad = importProblems({
      'core/a.ts': "import { x } from '../server/b.ts';\nimport { readFileSync } from 'node:fs';",
      'server/b.ts': "import '../src/terminal/token.ts';",
      'src/c.astro': "---\nimport E from '../lab/evidence.ts';\n---",
      'src/d.ts': "const m = await import('../cli/export.ts');",
      'export/e.ts': "import { t } from '../i18n/site.ts';\nimport { z } from 'zod';",
      'src/f.ts': "import { z } from 'zod/mini';",
      'server/g.ts': "import { z } from 'zod';",
    });
    expect(bad.map((p) => `${p.file} ${p.spec}`)).toEqual([
      'core/a.ts ../server/b.ts',
      'core/a.ts node:fs',
      'server/b.ts ../src/terminal/token.ts',
      'src/c.astro ../lab/evidence.ts',
      'src/d.ts ../cli/export.ts',
      'export/e.ts zod',
    ]);
  });
});
