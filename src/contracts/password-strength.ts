/**
 * Guessability of a password beyond the complexity classes: `Password12`,
 * `Admin@12345`, `Qwerty1234` and `Aaaaaaaaa1` mix three classes and are
 * still among the first guesses of any attacker. A password is split into the
 * parts an attacker's rules generate cheaply — common words (with l33t
 * substitutions), keyboard runs, alphabetic and numeric sequences, repeated
 * characters, years — and what is left must be at least MIN_FREE characters.
 * Small and dependency-free so the forms apply the same rule as the server
 * (a full estimator such as zxcvbn would add megabytes of dictionaries to the web app).
 */

/** The most used base words of leaked-password lists (English and pinyin), lower case. */
const COMMON_WORDS = [
  "password passwd passw pass pwd admin administrator root user guest test login welcome ",
  "letmein qwerty iloveyou woaini aini love hello monkey dragon master sunshine princess ",
  "football baseball superman batman trustno shadow secret changeme default system server ",
  "china beijing shanghai zhongguo yousu abcd abc asdf zxcv qazwsx qweasd wsx edc michael ",
  "jordan charlie killer freedom whatever starwars computer internet office company manager ",
  "service center zhengwu fuwu mima kouling 5201314 1314 520 888 666 168",
]
  .join("")
  .split(" ")
  .sort((a, b) => b.length - a.length);

const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qazwsxedcrfvtgbyhnujmikolp"];
const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "0": "o",
  "1": "i",
  "3": "e",
  $: "s",
  "5": "s",
  "7": "t",
  "!": "i",
};

/** Characters that must remain once the cheap-to-guess parts are taken out. */
export const MIN_FREE = 4;

function runLength(s: string, i: number, step: (a: string, b: string) => boolean): number {
  let n = 1;
  while (i + n < s.length && step(s[i + n - 1] as string, s[i + n] as string)) n++;
  return n;
}

const isSequence = (a: string, b: string) => Math.abs(a.charCodeAt(0) - b.charCodeAt(0)) === 1;
const onKeyboard = (a: string, b: string) =>
  KEYBOARD_ROWS.some((row) => {
    const i = row.indexOf(a);
    return i >= 0 && (row[i + 1] === b || row[i - 1] === b);
  });

/** Length of the cheap-to-guess part starting at i (0 when there is none). */
function patternAt(raw: string, leet: string, i: number): number {
  let best = 0;
  for (const w of COMMON_WORDS) {
    if (raw.startsWith(w, i) || leet.startsWith(w, i)) {
      best = w.length;
      break;
    }
  }
  const year = /^(19|20)\d\d/.exec(raw.slice(i));
  if (year) best = Math.max(best, 4);
  for (const step of [(a: string, b: string) => a === b, isSequence, onKeyboard]) {
    const n = runLength(raw, i, step);
    if (n >= 3) best = Math.max(best, n);
  }
  return best;
}

/** How many characters are left after taking out the parts attackers guess first. */
export function freeCharacters(password: string): number {
  const raw = password.toLowerCase();
  const leet = [...raw].map((c) => LEET[c] ?? c).join("");
  let free = 0;
  for (let i = 0; i < raw.length; ) {
    const n = patternAt(raw, leet, i);
    if (n > 0) i += n;
    else {
      free++;
      i++;
    }
  }
  return free;
}
