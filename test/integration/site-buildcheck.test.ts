// `astro build` refuses a runbook MDX that names a step its module lacks, or omits a step's pass
// criterion, naming the file, the line and the id. Runs on a temporary copy of the project (never
// on the work tree); the copy lives under .cache/ so it resolves the project's node_modules.
import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runbooks } from '../../runbooks/index.ts';

const root = resolve('.');
// What the site build reads; never lab/ or bench/, which hold VM images and peers.
const SITE = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'core', 'i18n', 'runbooks', 'export', 'public'];
const slug = Object.keys(runbooks)[0]!;
const copies: string[] = [];

/** A copy of the project with `edit` applied to src/content/docs/en/<slug>.mdx. */
function projectCopy(edit: (mdx: string) => string): string {
  mkdirSync(join(root, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, '.cache', 'site-buildcheck-'));
  copies.push(dir);
  for (const entry of SITE) if (existsSync(join(root, entry))) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  const mdx = join(dir, 'src/content/docs/en', `${slug}.mdx`);
  writeFileSync(mdx, edit(readFileSync(mdx, 'utf8')));
  return dir;
}

function build(dir: string) {
  return spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('astro build', () => {
  test('fails naming the file, line and id of an unknown step', () => {
    let line = 0;
    const dir = projectCopy((mdx) => {
      const out = `${mdx.trimEnd()}\n\n<Step id="no-such-step" title="Ghost" pass="Never.">\nNothing.\n</Step>\n`;
      line = out.split('\n').findIndex((l) => l.includes('no-such-step')) + 1;
      return out;
    });
    const r = build(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(`src/content/docs/en/${slug}.mdx:${line}: unknown step id "no-such-step"`);
  }, 300_000);

  test('fails naming the step whose pass criterion is missing', () => {
    const id = runbooks[slug]!.steps[0]!.id;
    const dir = projectCopy((mdx) => `${mdx.trimEnd()}\n\n<Step id="${id}" title="No pass">\nText.\n</Step>\n`);
    const r = build(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`src/content/docs/en/${slug}\\.mdx:\\d+: step "${id}" has no pass`));
  }, 300_000);
});
