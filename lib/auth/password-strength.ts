import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * Server-side password rules beyond length (the form's zod schema checks 12–200 characters): no
 * common or breached password, nothing built on the user's name, email or the school's name. Uses
 * zxcvbn-ts's dictionaries (common passwords from breaches, English words, names, keyboard patterns)
 * and asks for a score of at least 3 of 4 ("safely unguessable" even to an offline attacker with a
 * slow hash). Its dictionaries are large, so this never reaches the browser.
 */
const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function zxcvbn() {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Words too common in school names to be worth refusing on their own. */
const GENERIC = new Set([
  "school",
  "primary",
  "academy",
  "junior",
  "infant",
  "infants",
  "church",
  "england",
  "college",
  "community",
  "nursery",
  "saint",
  "the",
  "and",
  "high",
  "secondary",
  "free",
  "trust",
  "sch",
  "org",
  "gov",
]);

/** The user's and school's words a password must not contain: name parts, email parts, school name words (4+ letters). */
export function personalWords({ name, email, schoolName }: { name?: string | null; email?: string | null; schoolName?: string | null }): string[] {
  const words = new Set<string>();
  const add = (text: string | null | undefined, min: number) => {
    for (const w of (text ?? "").toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= min && !GENERIC.has(w)) words.add(w);
  };
  add(name, 3);
  const [local, domain] = (email ?? "").toLowerCase().split("@");
  add(local, 3);
  add(domain?.split(".")[0], 4);
  add(schoolName, 4);
  return [...words];
}

/**
 * Why the password is refused, in words for the form, or null if it is acceptable. Checks the
 * user's own words first (the clearer reason), then strength against the dictionaries.
 */
export function passwordProblem(password: string, who: { name?: string | null; email?: string | null; schoolName?: string | null }): string | null {
  const squashed = password.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const unleet = (one: string) =>
    password
      .toLowerCase()
      .replace(/0/g, "o")
      .replace(/1/g, one)
      .replace(/3/g, "e")
      .replace(/[4@]/g, "a")
      .replace(/[5$]/g, "s")
      .replace(/7/g, "t")
      .replace(/[^a-z0-9]+/g, "");
  const variants = [squashed, unleet("i"), unleet("l")];
  const words = personalWords(who);
  const found = words.find((w) => variants.some((v) => v.includes(w)));
  if (found) {
    const whose = (who.schoolName ?? "").toLowerCase().includes(found)
      ? "the school's name"
      : (who.email ?? "").toLowerCase().includes(found) && !(who.name ?? "").toLowerCase().includes(found)
        ? "your email address"
        : "your name";
    return `Choose a password that does not contain ${whose} ("${found}")`;
  }
  const result = zxcvbn().check(password.slice(0, 100), words);
  if (result.score < MIN_PASSWORD_SCORE) {
    const common = result.sequence.some((m) => m.pattern === "dictionary" && "dictionaryName" in m && String(m.dictionaryName).startsWith("passwords"));
    return common
      ? "Choose a less common password: this one, or most of it, is on lists of passwords that attackers try first"
      : "Choose a password that is harder to guess: avoid common words, names, dates, keyboard patterns and repeated characters. A few unrelated words together work well";
  }
  return null;
}
