// One glossary per locale: the words that the page, the panel, the exports and the lab evidence
// must all say the same way. Catalogues take these values instead of spelling them again.
import type { Locale } from '../runbook/schema.ts';

export interface Glossary {
  /**
   * A diagnosis check's result, said as what it found: "fail" means a risk factor was found, so a
   * check is never a question whose "yes" is bad news.
   */
  check: Record<'pass' | 'fail' | 'error', string>;
}

const en: Glossary = { check: { pass: 'OK', fail: 'Risk factor found', error: 'Could not tell' } };
const ptPt: Glossary = { check: { pass: 'OK', fail: 'Fator de risco encontrado', error: 'Não foi possível determinar' } };
const fr: Glossary = { check: { pass: 'OK', fail: 'Facteur de risque trouvé', error: 'Impossible de conclure' } };
const de: Glossary = { check: { pass: 'OK', fail: 'Risikofaktor gefunden', error: 'Nicht feststellbar' } };
const es: Glossary = { check: { pass: 'OK', fail: 'Factor de riesgo encontrado', error: 'No se pudo determinar' } };
const it: Glossary = { check: { pass: 'OK', fail: 'Fattore di rischio trovato', error: 'Impossibile stabilirlo' } };
const pl: Glossary = { check: { pass: 'OK', fail: 'Wykryto czynnik ryzyka', error: 'Nie udało się ustalić' } };

export const glossaries: Record<Locale, Glossary> = { en, 'pt-pt': ptPt, fr, de, es, it, pl };

/** The glossary of a page's lang attribute or route locale ("pt-PT", "pt-pt", "de"); English otherwise. */
export function glossaryFor(lang: string | undefined): Glossary {
  const key = (lang ?? '').toLowerCase();
  return (Object.hasOwn(glossaries, key) ? glossaries[key as Locale] : undefined) ?? en;
}
