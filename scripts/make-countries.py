#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Generate locales/countries.xml: country names in Kazakh, Russian and English.

Source
    Debian package "iso-codes" (https://salsa.debian.org/iso-codes-team/iso-codes):
      /usr/share/iso-codes/json/iso_3166-1.json           ISO 3166-1 entries
      /usr/share/locale/kk/LC_MESSAGES/iso_3166-1.mo      Kazakh translations
      /usr/share/locale/ru/LC_MESSAGES/iso_3166-1.mo      Russian translations
    Licence of the data and of the translations: LGPL-2.1+
    (see /usr/share/doc/iso-codes/copyright).  The generated file carries the
    same licence and names the iso-codes version it was made from.

How to run (from the top of the repository, on Debian with iso-codes installed)
    /usr/bin/python3 scripts/make-countries.py
    /usr/bin/python3 scripts/make-countries.py --iso-codes-version "$(dpkg-query -W -f='${Version}' iso-codes)"
  Without --iso-codes-version the script asks dpkg-query itself.  Other
  options: --json FILE, --localedir DIR, -o FILE (default locales/countries.xml).
  Only the Python standard library is used.

What it writes
    One <country code="XX"> per ISO 3166-1 entry (code = alpha_2), sorted by
    alpha_2, each with <kk>, <ru> and <en>.  English is the entry's
    "common_name" when iso-codes has one (e.g. "Bolivia", "South Korea"),
    otherwise its "name" (the ISO short name, e.g. "United Kingdom"); the
    official long names are never used.  Kazakh and Russian are the gettext
    translations of that same English string.  The output is deterministic:
    no dates or host names, only the iso-codes version.

When a translation is missing (in this order)
    1. UPSTREAM below: a translation of exactly that msgid made by the
       iso-codes translators in a newer upstream iso-codes than the Debian
       package installed here, copied verbatim with its commit.  Used only
       while the installed catalog lacks the msgid; once Debian ships it the
       installed catalog wins and the script says the entry can go.
    2. The translation of the entry's "name" msgid (the ISO short name), if
       the catalog has it, e.g. "Iran, Islamic Republic of" -> "Иран".
    3. Otherwise the English name is written into <kk> (or <ru>) and the
       <country> element gets kk-fallback="en" (or ru-fallback="en").
    Nothing is translated by hand.  Every case other than a direct
    translation is listed in the file's header comment and on stderr.

Usage in Kazakhstan
    USAGE below replaces a handful of names with the forms official letters
    in Kazakhstan use (e.g. Russian «Кыргызстан», «Соединённые Штаты
    Америки»; English names without ISO's inverted order); each is listed in
    the header comment with the iso-codes name it replaces.
"""

import argparse
import gettext
import json
import subprocess
import sys
from xml.sax.saxutils import escape, quoteattr

LANGS = ("kk", "ru")

# Translations of the installed msgids taken verbatim from upstream iso-codes
# (salsa.debian.org/iso-codes-team/iso-codes, iso_3166-1/<lang>.po), LGPL-2.1+.
# (lang, msgid) -> (msgstr, where it comes from)
UPSTREAM = {
    ("kk", "Iran"): ("Иран", "iso-codes commit 8afe14c7 (2026-01-22, after v4.20.1)"),
    ("kk", "Laos"): ("Лаос", "iso-codes commit 8afe14c7 (2026-01-22, after v4.20.1)"),
    ("kk", "Syria"): ("Сирия", "iso-codes commit 8afe14c7 (2026-01-22, after v4.20.1)"),
    ("ru", "Iran"): ("Иран", "iso-codes v4.18.0 (commit 4d20251c)"),
    ("ru", "Laos"): ("Лаос", "iso-codes v4.18.0 (commit 4d20251c)"),
    ("ru", "Syria"): ("Сирия", "iso-codes v4.18.0 (commit 4d20251c)"),
    ("ru", "Türkiye"): ("Турция", "iso-codes v4.18.0 (commit 4d20251c)"),
}


# The few names an official letter in Kazakhstan writes otherwise than
# iso-codes: the forms the Republic of Kazakhstan's own documents use in
# Russian, and English short names without ISO's inverted order.
# (lang, alpha_2) -> (name, why)
USAGE = {
    ("kk", "US"): ("Америка Құрама Штаттары",
                   "the full form for a formal letter; iso-codes: «АҚШ»"),
    ("ru", "US"): ("Соединённые Штаты Америки",
                   "the full short form; iso-codes: «Соединённые штаты»"),
    ("ru", "GB"): ("Великобритания", "the usual form in Kazakhstan"),
    ("ru", "KG"): ("Кыргызстан", "the country's own name, used in Kazakhstan"),
    ("ru", "MD"): ("Молдова", "the country's own name, used in Kazakhstan"),
    ("en", "CD"): ("Democratic Republic of the Congo", "not inverted"),
    ("en", "FM"): ("Micronesia", "not inverted"),
    ("en", "PS"): ("Palestine", "not inverted"),
    ("en", "VG"): ("British Virgin Islands", "not inverted"),
    ("en", "VI"): ("United States Virgin Islands", "not inverted"),
}


def iso_codes_version():
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
            check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"make-countries: cannot get the iso-codes version ({e}); "
                 "pass --iso-codes-version")
    if not out:
        sys.exit("make-countries: iso-codes is not installed")
    return out


def load_catalog(localedir, lang):
    path = f"{localedir}/{lang}/LC_MESSAGES/iso_3166-1.mo"
    with open(path, "rb") as f:
        return gettext.GNUTranslations(f)._catalog


def translate(catalog, lang, entry, en, notes):
    """Returns (text, fallback_to_english)."""
    code = entry["alpha_2"]
    direct = catalog.get(en)
    if direct:
        if (lang, en) in UPSTREAM:
            print(f"make-countries: note: the installed {lang} catalog now has "
                  f"{en!r}; UPSTREAM[({lang!r}, {en!r})] can be removed",
                  file=sys.stderr)
        return direct, False
    if (lang, en) in UPSTREAM:
        text, origin = UPSTREAM[(lang, en)]
        notes.append(f"{code} {lang}: {text} (msgid {en!r} not in the installed "
                     f"catalog; from {origin})")
        return text, False
    by_name = catalog.get(entry["name"]) if entry["name"] != en else None
    if by_name:
        notes.append(f"{code} {lang}: {by_name} (msgid {en!r} not translated; "
                     f"translation of the ISO name {entry['name']!r})")
        return by_name, False
    notes.append(f"{code} {lang}: {en} (NO {lang} translation: English "
                 f"written, {lang}-fallback=\"en\")")
    return en, True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iso-codes-version")
    ap.add_argument("--json", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--localedir", default="/usr/share/locale")
    ap.add_argument("-o", "--output", default="locales/countries.xml")
    args = ap.parse_args()

    version = args.iso_codes_version or iso_codes_version()
    with open(args.json, encoding="utf-8") as f:
        entries = sorted(json.load(f)["3166-1"], key=lambda e: e["alpha_2"])
    catalogs = {lang: load_catalog(args.localedir, lang) for lang in LANGS}

    notes, rows, fallbacks = [], [], {lang: [] for lang in LANGS}
    for e in entries:
        en = e.get("common_name") or e["name"]
        names, attrs = {"en": en}, ""
        for lang in LANGS:
            names[lang], fell_back = translate(catalogs[lang], lang, e, en, notes)
            if fell_back:
                fallbacks[lang].append(e["alpha_2"])
                attrs += f' {lang}-fallback="en"'
        for lang in ("kk", "ru", "en"):
            if (lang, e["alpha_2"]) in USAGE:
                name, why = USAGE[(lang, e["alpha_2"])]
                notes.append(f"{e['alpha_2']} {lang}: {name} (iso-codes: "
                             f"{names[lang]}; {why})")
                names[lang] = name
        rows.append(f'  <country code={quoteattr(e["alpha_2"])}{attrs}>'
                    f'<kk>{escape(names["kk"])}</kk>'
                    f'<ru>{escape(names["ru"])}</ru>'
                    f'<en>{escape(names["en"])}</en></country>')

    header = [
        f"Generated by scripts/make-countries.py from Debian iso-codes {version} (LGPL-2.1+):",
        "iso_3166-1.json and the kk and ru iso_3166-1.mo catalogs. Do not edit; re-run the script.",
        "English: common_name if iso-codes has one, else name (the ISO short name);",
        "kk and ru: the iso-codes translation of that English string.",
    ]
    if notes:
        header.append("Not a direct translation from the installed catalogs:")
        header += [f"  {n}" for n in notes]
    comment = "\n     ".join(h.replace("--", "- -") for h in header)

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f"<!-- {comment} -->",
           f'<countries xmlns="urn:qujat:countries:1" source={quoteattr("iso-codes " + version)}>',
           *rows,
           "</countries>", ""]
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))

    print(f"make-countries: wrote {len(rows)} countries to {args.output} "
          f"(iso-codes {version})", file=sys.stderr)
    for n in notes:
        print(f"make-countries: {n}", file=sys.stderr)
    for lang in LANGS:
        codes = " ".join(fallbacks[lang]) or "none"
        print(f"make-countries: {lang}-fallback=\"en\" ({len(fallbacks[lang])}): {codes}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
