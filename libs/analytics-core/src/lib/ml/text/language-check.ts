import { COMMON_ENGLISH_WORDS } from './common-english-words';
import { tokenize } from './tokenizer';

/**
 * Is a text English enough for an English lexicon (VADER) to score it? A small, honest rule, not a
 * language identifier:
 * - mostly non-Latin letters (more than half: Cyrillic, CJK, Arabic, …) → no;
 * - no words at all (emoticons, numbers, punctuation) → yes: there is nothing language-specific to misread;
 * - 1–2 words → yes when at least one is a common English word;
 * - 3 or more → yes when at least 30 % are common English words (real English runs at 40–60 %).
 * It cannot tell English from a close language on a short text ("le service est terrible" passes on
 * "service" and "terrible"); it exists to stop the lexicon scoring German "war" as "war".
 */
export interface LanguageCheck {
  english: boolean;
  words: number;
  /** Words found among the common English words. */
  englishWords: number;
  /** Why not, when not. */
  detail?: string;
}

export const ENGLISH_WORD_SHARE = 0.3;

export function checkEnglish(text: string): LanguageCheck {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = text.match(/\p{Script=Latin}/gu) ?? [];
  const words = tokenize(text).filter((word) => /\p{L}/u.test(word));
  const englishWords = words.filter((word) => COMMON_ENGLISH_WORDS.has(word)).length;
  if (letters.length > 0 && latin.length / letters.length < 0.5) {
    return { english: false, words: words.length, englishWords, detail: 'the text is mostly written in a non-Latin script' };
  }
  if (words.length === 0) return { english: true, words: 0, englishWords: 0 };
  const needed = words.length <= 2 ? 1 : Math.ceil(ENGLISH_WORD_SHARE * words.length - 1e-9);
  if (englishWords >= needed) return { english: true, words: words.length, englishWords };
  return {
    english: false,
    words: words.length,
    englishWords,
    detail: `${englishWords} of ${words.length} words are common English words; at least ${needed} needed`,
  };
}
