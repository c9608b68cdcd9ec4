// Redaction by value (core/redact.ts): planted secrets in the forms people paste and tools print
// are gone, ordinary output stays, and JavaScript, Perl (the exported script) and Python (Ansible's
// regex_replace) give the same text from the same patterns, run by the real perl and python3.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { REDACT_RULES, REDACTED, redact, replacement } from '../../core/redact.ts';

const KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBmYWtla2V5ZmFrZWtleWZha2VrZXlmYWtla2V5ZmFrZQAAAJg=',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

/** Each planted secret, in the line it hides in. */
const PLANTED: [string, string][] = [
  ['hunter2-db', 'mysql -u root -phunter2-db -e "show databases"'],
  ['S3cr3t!pass', 'DB_PASSWORD=S3cr3t!pass'],
  ['tok-9f8e7d6c', '{"api_token": "tok-9f8e7d6c", "user": "alice"}'],
  ['opensesame42', 'password: opensesame42'],
  ['Zm9vOmJhcg', 'Authorization: Basic Zm9vOmJhcg=='],
  ['ABCDEF0123456789TOKEN', 'curl -H "Authorization: cpanel root:ABCDEF0123456789TOKEN" https://127.0.0.1:2083/'],
  ['b3BlbnNzaC1rZXktdjEAAAAA', `key follows\n${KEY}\nafter the key`],
  ['eyJhbGciOiJIUzI1NiJ9', 'jwt=x eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
  ['ghp_0123456789abcdefghij0123456789ABCDEF', 'GITHUB ghp_0123456789abcdefghij0123456789ABCDEF in a log'],
  ['pa55word', 'remote: https://deploy:pa55word@git.example.com/repo.git'],
  ['sekrit-99', 'sshpass -p sekrit-99 ssh root@vps-1a2b3c4d.vps.ovh.net'],
  ['AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id AKIAIOSFODNN7EXAMPLE'],
  ['Bearer-value-123', 'x-api-key: Bearer-value-123'],
];

/** Output a check prints, which must come through untouched. */
const ORDINARY = [
  'qemu-ga running as root, pid(s): 1234',
  '/dev/loop0 on /tmp type ext4 (rw,nosuid,noexec,relatime)',
  'at risk: mounted after it from the same filesystem: /home/virtfs/alice/usr /home/virtfs/alice/var',
  'PASS: the agent channel is absent',
  'mkdir -p /var/lib/runguide && ssh -p 2222 root@vps-1a2b3c4d.vps.ovh.net',
  'qemu-guest-agent package: 1:7.2+dfsg-7+deb12u7',
  'https://help.ovhcloud.com/csm/en-vps-automatic-backup-kernel-panic-cpanel',
].join('\n');

const perlProgram = `
my @rules = map { [qr/$ENV{"RG_P$_"}/im, $ENV{"RG_K$_"}] } 0 .. $ENV{RG_N} - 1;
for my $r (@rules) { my ($re, $keep) = @$r; if ($keep) { s/$re/$1$ENV{RG_R}/g } else { s/$re/$ENV{RG_R}/g } }`;

function rulesEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RG_N: String(REDACT_RULES.length), RG_R: REDACTED };
  REDACT_RULES.forEach((r, i) => {
    env[`RG_P${i}`] = r.pattern;
    env[`RG_K${i}`] = r.keep ? '1' : '';
  });
  return env;
}

const viaPerl = (text: string) => spawnSync('perl', ['-0777', '-pe', perlProgram], { input: text, encoding: 'utf8', env: rulesEnv() });

const pythonProgram = `
import json, re, sys
rules = json.loads(sys.argv[1])
text = sys.stdin.read()
for r in rules:
    text = re.sub(r["pattern"], r["replace"], text, flags=re.I | re.M)
sys.stdout.write(text)`;

const viaPython = (text: string) =>
  spawnSync(
    'python3',
    ['-c', pythonProgram, JSON.stringify(REDACT_RULES.map((r) => ({ pattern: r.pattern, replace: replacement(r, 'python') })))],
    { input: text, encoding: 'utf8' },
  );

describe('redaction by value', () => {
  test.each(PLANTED)('%s is gone from: %s', (secret, line) => {
    const out = redact(line);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  test('ordinary check output comes through unchanged', () => {
    expect(redact(ORDINARY)).toBe(ORDINARY);
  });

  test('a private key block goes whole; the lines around it stay', () => {
    expect(redact(`key follows\n${KEY}\nafter the key`)).toBe(`key follows\n${REDACTED}\nafter the key`);
    // Output cut in the middle of a key: everything from its first line goes.
    expect(redact(`a\n${KEY.split('\n').slice(0, 2).join('\n')}`)).toBe(`a\n${REDACTED}`);
  });

  test('values the user marked secret go wherever they appear; short ones are ignored', () => {
    const out = redact('deploy user: marcel-prod, host marcel-prod.example; id 42', ['marcel-prod', '42']);
    expect(out).toBe(`deploy user: ${REDACTED}, host ${REDACTED}.example; id 42`);
  });

  test('perl and python3 redact exactly as JavaScript does, from the same patterns', () => {
    const corpus = [...PLANTED.map(([, line]) => line), ORDINARY].join('\n');
    const perl = viaPerl(corpus);
    expect(perl.stderr).toBe('');
    const python = viaPython(corpus);
    expect(python.stderr).toBe('');
    expect(perl.stdout).toBe(redact(corpus));
    expect(python.stdout).toBe(redact(corpus));
  });
});
