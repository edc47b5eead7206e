// Client-side checks mirroring the server's estate rules (docs/shared data-formats.md).
// The server stays the authority; these only give earlier feedback.

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** True when `s` is an 18-character unified social credit code with a valid GB 32100-2015 check character. */
export function isValidUscc(s: string): boolean {
  if (s.length !== 18) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(s[i])
    if (v < 0) return false
    sum += v * USCC_WEIGHTS[i]
  }
  const check = (31 - (sum % 31)) % 31
  return s[17] === USCC_CHARS[check]
}

export const ESTATE_CODE_RE = /^[A-Za-z0-9_-]{1,32}$/

/** Length in characters (code points), as the server counts. */
export function charLength(s: string): number {
  return Array.from(s).length
}
