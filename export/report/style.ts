// The HTML report's only style, inline: it must open anywhere, offline, and print. Dark text on
// white (contrast over 7:1), verdicts in words and signs as well as in colour.
export const REPORT_CSS = `body { margin: 0; color: #1b1b1b; background: #fff; font: 16px/1.5 system-ui, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.35rem; margin-top: 2.5rem; border-top: 2px solid #1b1b1b; padding-top: 1rem; }
h3 { font-size: 1.1rem; margin-top: 1.75rem; }
a { color: #0b4f9c; }
table { border-collapse: collapse; margin: 1rem 0; }
caption { text-align: start; font-weight: 600; padding-bottom: 0.25rem; }
th, td { border: 1px solid #6b6b6b; padding: 0.3rem 0.6rem; text-align: start; vertical-align: top; }
thead th { background: #ececec; }
pre { background: #f3f3f3; border: 1px solid #c4c4c4; padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: ui-monospace, monospace; font-size: 0.9rem; }
.mark { font-weight: 600; }
.at-risk, .at-risk-latent, .fail { color: #a1141b; }
.not-at-risk, .pass { color: #1d6430; }
.undecided, .unreachable, .error { color: #7a4100; }
.none { color: #4d4d4d; }
@media print { pre { white-space: pre-wrap; } h2 { break-before: page; } }
`;
