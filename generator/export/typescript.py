"""``--format typescript``: an ES module of constants, ``as const`` maps and ``lookup``.

Type-checks under ``tsc --strict`` (also with ``noUncheckedIndexedAccess``,
``exactOptionalPropertyTypes`` and ``noUnusedLocals``) with the default ES5 library:
it uses no Map, Set or ``Object.hasOwn``. Maps indexed by upstream strings are read
through ``hasOwnProperty`` and built on ``Object.create(null)``, so an alias such as
``__proto__`` or ``constructor`` is data, never the prototype.
"""

from __future__ import annotations

from .escape import json_string as s
from .constants import Constants

RUNTIME = '''
export interface ErrorCode {
  readonly family: FamilyId;
  readonly code: string;
  readonly statuses: readonly number[];
  readonly aliases: readonly string[];
  readonly description: { readonly [L in Language]?: string };
}

/** The code belongs to several families: pass `family`. */
export class AmbiguousCodeError extends Error {
  readonly code: string;
  readonly matches: readonly ErrorCode[];
  constructor(code: string, matches: readonly ErrorCode[]) {
    super(JSON.stringify(code) + " is a code of several families (" +
      matches.map((m) => m.family).join(", ") + "); pass family");
    this.name = "AmbiguousCodeError";
    this.code = code;
    this.matches = matches;
  }
}

type Dict<T> = { [key: string]: T };

function own<T>(map: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function dict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

const FAMILY_IDS = Object.keys(FAMILIES) as FamilyId[];
const EXACT: Dict<Dict<string>> = dict();
const FOLDED: Dict<Dict<string>> = dict();
const ALIASES_OF: Dict<Dict<string[]>> = dict();

for (const family of FAMILY_IDS) {
  const exact = dict<string>();
  const folded = dict<string>();
  const clashes = dict<boolean>();
  const aliasesOf = dict<string[]>();
  const codes: readonly string[] = CODES[family];
  const aliases = ALIASES[family];
  for (const code of codes) exact[code] = code;
  for (const alias of Object.keys(aliases)) {
    const code = own(aliases, alias);
    if (code === undefined) continue;
    if (own(exact, alias) === undefined) exact[alias] = code;
    const list = own(aliasesOf, code);
    if (list === undefined) aliasesOf[code] = [alias];
    else list.push(alias);
  }
  for (const spelling of Object.keys(exact)) {
    const code = own(exact, spelling);
    if (code === undefined) continue;
    const key = spelling.trim().toLowerCase();
    const seen = own(folded, key);
    if (seen === undefined) folded[key] = code;
    else if (seen !== code) clashes[key] = true; // entries differing only by case: exact spelling needed
  }
  for (const key of Object.keys(clashes)) delete folded[key];
  EXACT[family] = exact;
  FOLDED[family] = folded;
  ALIASES_OF[family] = aliasesOf;
}

function record(family: FamilyId, code: string): ErrorCode {
  const description: { [L in Language]?: string } = {};
  for (const lang of LANGUAGES) {
    const text = own(DESCRIPTIONS[lang][family], code);
    if (text !== undefined) description[lang] = text;
  }
  const statuses = own(STATUS[family], code) ?? [];
  const aliases = own(ALIASES_OF[family] ?? {}, code) ?? [];
  return { family, code, statuses, aliases: aliases.slice(), description };
}

function isFamily(family: string): family is FamilyId {
  return Object.prototype.hasOwnProperty.call(FAMILIES, family);
}

/** Every entry `code` names: canonical codes and aliases, exact spelling first, then any case. */
export function lookupAll(code: string | number, family?: FamilyId): ErrorCode[] {
  if (family !== undefined && !isFamily(family)) throw new RangeError("unknown family " + JSON.stringify(family));
  const text = String(code).trim();
  const families: FamilyId[] = family === undefined ? FAMILY_IDS : [family];
  const found: ErrorCode[] = [];
  for (const f of families) {
    const canonical = own(EXACT[f] ?? {}, text);
    if (canonical !== undefined) found.push(record(f, canonical));
  }
  if (found.length === 0) {
    const key = text.toLowerCase();
    for (const f of families) {
      const canonical = own(FOLDED[f] ?? {}, key);
      if (canonical !== undefined) found.push(record(f, canonical));
    }
  }
  return found;
}

/**
 * The entry `code` names (any alias, any case, `-46618` or `"-46618"`), or undefined.
 * Throws AmbiguousCodeError when the code belongs to several families and no `family` is given.
 */
export function lookup(code: string | number, family?: FamilyId): ErrorCode | undefined {
  const found = lookupAll(code, family);
  if (found.length > 1) throw new AmbiguousCodeError(String(code).trim(), found);
  return found[0];
}
'''


def render(c: Constants) -> str:
    out = [f"// {line}".rstrip() for line in c.header("typescript")]
    out += [
        "/* eslint-disable */",
        "",
        f"export const GENERATOR = {s(c.generator)};",
        f"export const CATALOG = {s(c.catalog)};",
        f"export const DIGEST = {s(c.digest)};",
        f"export const LANGUAGES = [{', '.join(s(lang) for lang in c.languages)}] as const;",
        "export type Language = (typeof LANGUAGES)[number];",
    ]
    for fam in c.families:
        out += ["", f"// {fam.id}: {fam.kind} codes of service {fam.service}"]
        out += [f"export const {e.name} = {s(e.code)};" for e in fam.entries]
    out += ["", "export const SERVICES = {"]
    for svc in c.services:
        out.append(f"  {_key(svc.id)}: {{ title: {_langs(svc.title)}, "
                   f"families: [{', '.join(s(f) for f in svc.families)}] }},")
    out += ["} as const;", "", "export const FAMILIES = {"]
    for fam in c.families:
        out.append(f"  {_key(fam.id)}: {{ service: {s(fam.service)}, kind: {s(fam.kind)}, "
                   f"title: {_langs(fam.title)} }},")
    out += ["} as const;", "export type FamilyId = keyof typeof FAMILIES;", "", "export const CODES = {"]
    for fam in c.families:
        out.append(f"  {_key(fam.id)}: [")
        out += [f"    {e.name}," for e in fam.entries]
        out.append("  ],")
    out += ["} as const;",
            "/** Canonical codes of one family, as a union of string literals. */",
            "export type CodeOf<F extends FamilyId> = (typeof CODES)[F][number];",
            "export type Code = CodeOf<FamilyId>;",
            "",
            "export const STATUS: { readonly [F in FamilyId]: { readonly [code: string]: readonly number[] } } = {"]
    for fam in c.families:
        out.append(f"  {_key(fam.id)}: {{")
        out += [f"    [{e.name}]: [{', '.join(str(st.status) for st in e.statuses)}]," for e in fam.entries]
        out.append("  },")
    out += ["};", "", "export const ALIASES: { readonly [F in FamilyId]: { readonly [alias: string]: string } } = {"]
    for fam in c.families:
        pairs = [(alias, e.name) for e in fam.entries for alias in e.aliases]
        if not pairs:
            out.append(f"  {_key(fam.id)}: {{}},")
            continue
        out.append(f"  {_key(fam.id)}: {{")
        out += [f"    {_key(alias)}: {name}," for alias, name in pairs]
        out.append("  },")
    out += ["};", "",
            "export const DESCRIPTIONS: { readonly [L in Language]: { readonly [F in FamilyId]: "
            "{ readonly [code: string]: string } } } = {"]
    for lang in c.languages:
        out.append(f"  {_key(lang)}: {{")
        for fam in c.families:
            texts = [(e.name, e.text("description", lang)) for e in fam.entries]
            texts = [(n, t) for n, t in texts if t is not None]
            if not texts:
                out.append(f"    {_key(fam.id)}: {{}},")
                continue
            out.append(f"    {_key(fam.id)}: {{")
            out += [f"      [{name}]: {s(text)}," for name, text in texts]
            out.append("    },")
        out.append("  },")
    out.append("};")
    return "\n".join(out) + "\n" + RUNTIME


def _key(key: str) -> str:
    """An object-literal key. ``"__proto__": v`` would set the prototype; ``["__proto__"]`` is a key."""
    return f"[{s(key)}]" if key == "__proto__" else s(key)


def _langs(by_lang) -> str:
    return "{ " + ", ".join(f"{_key(lang)}: {s(text)}" for lang, text in by_lang.items()) + " }"
