// Redaction by value: what is taken out of text before runguide writes it anywhere (reports,
// recordings, the audit log). Two kinds of values: those that look like secrets by their form
// (REDACT_RULES: private key blocks, `password=…`, `Authorization: …`, `mysql -p…`, bearer and
// well-known token shapes, a password in a URL), and those the user marked secret in the panel.
//
// Each rule's pattern is written once, in the subset JavaScript, Perl and Python read alike
// ((?:…), […], \s, lazy quantifiers, lookahead, \xNN escapes, flags i and m), so the page and the
// runner (JavaScript), the exported script (perl, which every cPanel server has) and the playbook
// (Ansible's regex_replace, Python's re) redact the same text the same way.

/** What a redacted value becomes. */
export const REDACTED = '[redacted]';

export interface RedactRule {
  /** What it catches, for tests and comments. */
  name: string;
  /** The pattern (case-insensitive and multi-line in every dialect). Group 1 is kept, the rest replaced. */
  pattern: string;
  /** What replaces the match: group 1 (when `keep`) then REDACTED. */
  keep: boolean;
}

// A value ends at a blank, a quote, or a separator of the forms it appears in (query strings, lists).
const VALUE = '[^\\s\\x22\\x27&;,]+';

export const REDACT_RULES: readonly RedactRule[] = [
  {
    // A whole PEM private key, from the line that begins it to the line that ends it (or to the end
    // of the text, when output was cut): every line of it goes.
    name: 'private key block',
    pattern:
      '^[^\\n]*-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[^\\n]*$|$(?![\\s\\S]))',
    keep: false,
  },
  {
    // Authorization: Bearer …, Authorization: cpanel user:TOKEN (cPanel's API), cookies: the rest of the line.
    name: 'authorization header',
    pattern: '((?:(?:proxy-)?authorization|x-api-key|x-auth-token|set-cookie|cookie)[ \\t]*:[ \\t]*)[^\\r\\n]+',
    keep: true,
  },
  {
    // password=…, DB_PASSWORD: …, "token": "…", --password=…, api_key=…, client_secret=…
    name: 'key=value',
    pattern: `((?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[a-z0-9_-]*[\\x22\\x27]?[ \\t]*[=:][ \\t]*[\\x22\\x27]?)${VALUE}`,
    keep: true,
  },
  {
    // MySQL's and MariaDB's password glued to -p (mysql -pSECRET), and sshpass -p SECRET.
    name: 'mysql -p',
    pattern: '((?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\\b[^\\r\\n]*?[ \\t]-p|sshpass[ \\t]+-p[ \\t]*)[^\\s]+',
    keep: true,
  },
  { name: 'bearer token', pattern: '(bearer[ \\t]+)[a-z0-9._~+/=-]+', keep: true },
  // The scheme's length is bounded: unbounded, a long run of letters (a base64 blob) was rescanned
  // from each of its characters. The match may start later in a longer run; what is kept is the same.
  { name: 'password in a URL', pattern: '([a-z][a-z0-9+.-]{0,31}://[^\\s/:\\x40]+:)[^\\s/\\x40]+(?=\\x40)', keep: true },
  {
    // Shapes that are secrets wherever they appear: GitHub, AWS access key ids, Slack, JSON web tokens.
    name: 'token shape',
    pattern:
      '\\b(?:gh[pousr]_[a-z0-9]{36,}|akia[0-9a-z]{16}|xox[abprs]-[a-z0-9-]{10,}|eyj[a-z0-9_-]{8,}\\.[a-z0-9_-]{8,}\\.[a-z0-9_-]{8,})\\b',
    keep: false,
  },
];

/** The rule's replacement in a dialect: JavaScript's `$1`, Perl's `${1}`, Python's `\g<1>`. */
export function replacement(rule: RedactRule, dialect: 'js' | 'perl' | 'python'): string {
  if (!rule.keep) return REDACTED;
  return `${{ js: '$1', perl: '${1}', python: '\\g<1>' }[dialect]}${REDACTED}`;
}

/** A value the user marked secret: at least 4 characters (shorter ones would redact common words). */
export const MIN_SECRET_LENGTH = 4;

const COMPILED = REDACT_RULES.map((r) => ({ re: new RegExp(r.pattern, 'gim'), to: replacement(r, 'js') }));

/** `text` with every secret-looking value, and every value of `secrets`, replaced by REDACTED. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // The user's own values first: a rule's replacement must not hide half of one from this step.
  for (const s of [...secrets].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length))
    out = out.split(s).join(REDACTED);
  for (const { re, to } of COMPILED) out = out.replace(re, to);
  return out;
}
