// The smallest single replacement that turns one text into another: the
// common prefix and suffix stay, only the span between them is replaced, so a
// designer edit touches as few lines as possible in undo, diff and blame.

export interface Replacement {
  /** Offsets in the old text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** undefined when the texts are equal. */
export function minimalReplacement(oldText: string, newText: string): Replacement | undefined {
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  // Never split a surrogate pair: the edit would carry half a character.
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isHighSurrogate(oldText.charCodeAt(oldText.length - suffix - 1))) suffix--;
  return { start: prefix, end: oldText.length - suffix, text: newText.slice(prefix, newText.length - suffix) };
}

/** The serializer writes "\n"; a document that uses "\r\n" keeps its line endings. */
export function withLineEndings(text: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
}
