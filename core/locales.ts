// The site's locales, and the two things every catalogue does with them: find the one a page's
// language asks for, and fill a text's {name} slots.
import { z } from './zod.ts';

/** Route keys of the site's locales (Starlight `locales` keys), with their BCP 47 tags. */
export const LOCALES = {
  'pt-pt': 'pt-PT',
  en: 'en',
  fr: 'fr',
  de: 'de',
  es: 'es',
  it: 'it',
  pl: 'pl',
} as const;
export type Locale = keyof typeof LOCALES;
export const localeIds = Object.keys(LOCALES) as Locale[];
export const LocaleSchema = z.enum(localeIds as [Locale, ...Locale[]]);

/**
 * The locale for a route key or a BCP 47 tag ("pt-pt", "pt-PT", "pt-BR" → pt-pt; "de-AT" → de),
 * English when the site has no such language.
 */
export function localeOf(lang: string | undefined): Locale {
  return matchLocale(lang) ?? 'en';
}

/** The site's locale for a route key or a BCP 47 tag: the exact one, else the same language; or null. */
export function matchLocale(lang: string | undefined): Locale | null {
  const tag = (lang ?? '').toLowerCase();
  if (!tag) return null;
  const exact = localeIds.find((l) => l === tag || LOCALES[l].toLowerCase() === tag);
  return exact ?? localeIds.find((l) => l.split('-')[0] === tag.split('-')[0]) ?? null;
}

/** Fills `{name}` slots; a slot without a value stays as it is. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? String(values[k]) : m));
}
