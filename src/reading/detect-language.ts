/**
 * The language of a comment, for the `lang` attribute of a quote (so a screen reader reads a
 * Spanish comment in Spanish), among the languages of the default theme dictionary: English,
 * French, Spanish, German, Portuguese, Chinese and Japanese (and Korean, whose script says it).
 * Cheap and cautious, because a wrong tag is worse than none:
 * - Chinese, Japanese and Korean by their script: kana is Japanese, hangul Korean; Han
 *   characters alone are Chinese only with a character simplified Chinese writes and Japanese
 *   does not (这, 们, 没, …), since a short Japanese comment may be kanji only;
 * - Latin-script languages by evidence: function words and letters that only some of these
 *   languages use. Evidence shared by several languages is split between them; a language is
 *   named only with at least two pieces of evidence and three times as much as any other, so a
 *   short comment ("Demasiado caro.") or one in a language not listed gets no tag.
 * Runs only on the few comments kept as verbatims.
 */

/** Words of a space-separated list. */
function words(list: string): readonly string[] {
  return list.split(' ');
}

/** Function words of each language, lower case, accents kept. */
const WORDS: Record<string, readonly string[]> = {
  en: words(
    'the and is are were not but with for very too my of to again after what you they ' +
      'have has had never could would been this that it get got we our from which when ' +
      'always nothing because only still every did there their your just about much than be ' +
      "by out up don't didn't doesn't can't won't it's i'm isn't wasn't nobody was an am " +
      'will as do no',
  ),
  fr: words(
    'le la les des de du est et pas un une très trop avec pour mais je il elle ils ont ' +
      'été sans plus jamais toujours ce cette qui que au aux mon ma mes notre nous vous ' +
      'rien encore était sont aussi bien chez dans sur leur fait être personne déjà après ' +
      'ça où peu beaucoup en son merci se me',
  ),
  es: words(
    'el la los las le les de del al y es muy pero con por para un una mi mis sin está fue ' +
      'más nunca siempre otra otro vez mucho nadie nada hay han ha todo bien gracias llegó ' +
      'también ya cuando como porque su sus que en son lo se me mes pedido esta este antes ' +
      'entrega no o nos dos todavía ahora aún hasta bueno buena poco',
  ),
  de: words(
    'der die das und ist nicht sehr mit für zu ein eine einen einem auf war aber kein ' +
      'keine immer nie viel ich wir den dem sich auch noch schon wieder nur bei nach von ' +
      'vom zum zur wurde wird sind hat habe haben kam kann mehr alles etwas niemand mich ' +
      'mir uns im es du was an am will da leider gerne danke',
  ),
  pt: words(
    'o os as e é não nao muito com um uma do da dos das na no nos foi está sem mais mas ' +
      'nunca sempre produto entrega chegou ainda ao pelo pela isso esta este meu minha você ' +
      'eu ele tudo bem até antes prazo recebi veio também já só obrigado de que se me por ' +
      'para nada pedido vez todo como porque agora dois ninguém bom boa ruim quando estou tem',
  ),
};

/** Letters only some of these languages write. */
const LETTERS: Record<string, readonly string[]> = {
  es: ['ñ', '¿', '¡', 'á', 'í', 'ó', 'ú'],
  pt: ['ã', 'õ', 'ç', 'ê', 'â', 'ô', 'à', 'á', 'í', 'ó', 'ú'],
  fr: ['œ', 'è', 'ù', 'û', 'ë', 'ï', 'î', 'ç', 'ê', 'â', 'ô', 'à'],
  de: ['ß', 'ä', 'ö', 'ü'],
};

/** Evidence → the languages it points to. */
function evidenceIndex(lists: Record<string, readonly string[]>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [lang, entries] of Object.entries(lists))
    for (const entry of entries) index.set(entry, [...(index.get(entry) ?? []), lang]);
  return index;
}

const WORD_INDEX = evidenceIndex(WORDS);
const LETTER_INDEX = evidenceIndex(LETTERS);

const KANA = /[\u3040-\u30ff\uff66-\uff9f]/u;
const HANGUL = /\p{Script=Hangul}/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN = /\p{Script=Latin}/gu;
/** Characters Chinese writes and Japanese does not (Japanese writes 個, 対, 時, 問 for 个, 对, 时, 问). */
const SIMPLIFIED = /[这们个没吗呢吧还说给让么过对时问题为质货务递买卖东贵价评论该样坏很]/u;
/** A word: letters, with an apostrophe inside ("don't", "c'est"). */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
/** French elision: l'…, d'…, qu'…, c'est. */
const ELISION = /^(?:l|d|j|n|m|s|c|qu)'\p{L}/u;

/** The minimum evidence, and the factor by which the language must lead every other. */
const MINIMUM_EVIDENCE = 2;
const LEAD = 3;

/**
 * The BCP 47 tag of the comment's language, or null when the evidence is too thin to say.
 * @example detectLanguage('El pedido tardó mucho en llegar.') // 'es'
 * @example detectLanguage('Demasiado caro.') // null
 * @example detectLanguage('配達が予定より二日遅れた。') // 'ja'
 */
export function detectLanguage(text: string): string | null {
  const cjk = text.match(CJK)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (cjk > 0 && cjk >= latin) {
    if (KANA.test(text)) return 'ja';
    if (HANGUL.test(text)) return 'ko';
    return SIMPLIFIED.test(text) ? 'zh' : null;
  }
  const scores = new Map<string, number>();
  const credit = (langs: readonly string[] | undefined) => {
    for (const lang of langs ?? []) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs!.length);
  };
  const lower = text.toLowerCase().replace(/’/g, "'");
  for (const [word] of lower.matchAll(WORD)) {
    credit(WORD_INDEX.get(word));
    if (ELISION.test(word)) credit(['fr']);
  }
  for (const letter of new Set(lower)) credit(LETTER_INDEX.get(letter));
  const [best, second] = [...scores.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  if (!best || best[1] < MINIMUM_EVIDENCE) return null;
  // Scores are sums of thirds and halves: compare with a margin for rounding.
  return best[1] + 1e-9 >= LEAD * (second?.[1] ?? 0) ? best[0] : null;
}
