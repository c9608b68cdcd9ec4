// The panel's text in the page's language only: each locale of i18n/terminal/ is its own chunk,
// fetched with the panel, so a page never downloads the six languages it does not show.
import { localeOf } from '../../core/locales.ts';
import type { TerminalStrings } from '../../i18n/terminal.ts';

const LOCALE_FILES = import.meta.glob<{ strings: TerminalStrings }>('../../i18n/terminal/*.ts');

/** The panel's strings for a page's lang attribute ("pt-PT", "de"…), English when unknown. */
export async function loadStrings(lang: string | undefined): Promise<TerminalStrings> {
  const load = LOCALE_FILES[`../../i18n/terminal/${localeOf(lang)}.ts`] ?? LOCALE_FILES['../../i18n/terminal/en.ts']!;
  return (await load()).strings;
}
