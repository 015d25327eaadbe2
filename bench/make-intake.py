#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the job file of a real intake (bench/README.md) to stdout: N jobs,
each with its own applicant given inline (surname and given names in Latin
as in a passport, birth date, sex, citizenship, passport, a family of 1 to 5
people: a spouse and children), drawn from a seeded generator, so that the
same N and SEED always give the same file. The documents are mixed as an
HR office's intake is: checklists of several services (some in the short
form for the window), fee slips and invitation letters, in kk, ru and en.

    make-intake.py N [SEED]        (SEED defaults to 16)

Jobs go 1 000 to a directory: d0000/j0000000-checklist-kk.pdf, ...
"""
import datetime
import random
import sys
from xml.sax.saxutils import quoteattr

SURNAMES = """SMITH MUELLER ROSSI DUBOIS KOWALSKI NOVAK IVANOV PETROV KIM LEE
PARK TANAKA SATO WANG CHEN ZHANG SINGH PATEL KHAN HUSSEIN YILMAZ KAYA DEMIR
OZTURK GARCIA MARTINEZ LOPEZ SILVA SANTOS COSTA JANSEN DE-VRIES NIELSEN
HANSEN JOHANSSON LARSSON VIRTANEN HORVATH NAGY POPESCU GEORGIEV DIMITROV
BROWN WILSON TAYLOR OCONNOR MURPHY NGUYEN TRAN SCHMIDT WEBER FISCHER
KARIMOV RAKHIMOV ALIYEV MAMEDOV GRIGORYAN HAKOBYAN BERIDZE""".split()
MALE = """JOHN JAMES DAVID MICHAEL THOMAS LUCA MARCO PIERRE JAN PIOTR ALEXEI
DMITRY MIN-JUN HIROSHI WEI RAHUL OMAR MEHMET CARLOS JOAO LARS MATTI ISTVAN
ANDREI GEORGE LIAM MINH HANS TIMUR RUSTAM ARMEN GIORGI""".split()
FEMALE = """JANE MARY ANNA MARIA ELENA SOPHIE CLAIRE EWA KATARZYNA OLGA NATALIA
JI-WOO YUKI LI PRIYA FATIMA AYSE LUCIA ANA INGRID SARA AINO ZSOFIA IOANA
EMMA AOIFE LAN GRETA DILNOZA NARINE NINO""".split()
COUNTRIES = """GB DE IT FR PL CZ RU KR JP CN IN PK TR ES PT BR NL DK SE FI HU
RO BG US IE VN UZ AZ AM GE""".split()
# (name, city, address) in English, then in Kazakh and in Russian: a
# letter in kk or ru prints every free text in its own language.
COMPANIES = [
    (("Steppe Energy LLP", "Astana", "55/18 Mangilik El Avenue, Astana, 010017"),
     ("«Steppe Energy» ЖШС", "Астана қ.", "010017, Астана қ., Мәңгілік Ел даңғылы, 55/18"),
     ("ТОО «Steppe Energy»", "г. Астана", "010017, г. Астана, проспект Мангилик Ел, 55/18")),
    (("Caspian Drilling LLP", "Atyrau", "12 Satpayev Street, Atyrau, 060011"),
     ("«Caspian Drilling» ЖШС", "Атырау қ.", "060011, Атырау қ., Сәтбаев көшесі, 12"),
     ("ТОО «Caspian Drilling»", "г. Атырау", "060011, г. Атырау, ул. Сатпаева, 12")),
    (("Almaty Software LLP", "Almaty", "77 Al-Farabi Avenue, Almaty, 050040"),
     ("«Almaty Software» ЖШС", "Алматы қ.", "050040, Алматы қ., Әл-Фараби даңғылы, 77"),
     ("ТОО «Almaty Software»", "г. Алматы", "050040, г. Алматы, проспект аль-Фараби, 77")),
    (("Karaganda Mining JSC", "Karaganda", "3 Bukhar Zhyrau Avenue, Karaganda, 100000"),
     ("«Karaganda Mining» АҚ", "Қарағанды қ.", "100000, Қарағанды қ., Бұқар жырау даңғылы, 3"),
     ("АО «Karaganda Mining»", "г. Караганда", "100000, г. Караганда, проспект Бухар жырау, 3")),
]
# The letter's request texts in Kazakh and Russian (work, business).
PURPOSE = {
    "kk": ("инженер лауазымында еңбек қызметі",
           "жеткізу шарты бойынша келіссөздер"),
    "ru": ("трудовая деятельность в должности инженера",
           "переговоры по договору поставки"),
}
ISSUE_PLACE = {"kk": "Қазақстан Республикасының Лондондағы елшілігі",
               "ru": "Посольство Республики Казахстан в Лондоне"}
# (document, service, brief, weight): what an intake holds, most often
# checklists, then fee slips and letters.
MIX = [
    ("checklist", "work-visa-invitation", True, 14),
    ("checklist", "work-visa-invitation", False, 6),
    ("checklist", "work-visa-in-kz", False, 8),
    ("checklist", "work-visa-extension", False, 4),
    ("checklist", "trp-employment", False, 5),
    ("checklist", "business-visa-single-invitation", True, 5),
    ("checklist", "iin", False, 4),
    ("checklist", "arrival-notification", False, 3),
    ("checklist", "digital-signature", False, 3),
    ("fees", "work-visa-in-kz", False, 8),
    ("fees", "trp-employment", False, 4),
    ("fees", "work-visa-invitation", False, 4),
    ("fees", "iin", False, 2),
    ("letter", "work-visa-invitation", False, 12),
    ("letter", "business-visa-single-invitation", False, 6),
]
LANGS = ["kk", "ru", "en"]


def day(rng, y0, y1):
    return "%04d-%02d-%02d" % (rng.randint(y0, y1), rng.randint(1, 12),
                               rng.randint(1, 28))


def passport(rng, exp0=2030, exp1=2035):
    return '<passport number="%s" expires="%s"/>' % (
        "".join(rng.choice("0123456789") for _ in range(9)),
        day(rng, exp0, exp1))


def profile(rng, document, service, lang):
    sex = rng.choice("MF")
    surname = rng.choice(SURNAMES)
    given = rng.choice(MALE if sex == "M" else FEMALE)
    if rng.random() < 0.3:
        given += " " + rng.choice(MALE if sex == "M" else FEMALE)
    cc = rng.choice(COUNTRIES)
    role = "expert" if rng.random() < 0.2 else "employee"
    born = day(rng, 1960, 2000)
    number = "".join(rng.choice("0123456789") for _ in range(9))
    issued, expires = day(rng, 2018, 2024), day(rng, 2029, 2034)
    p = ['<profile xmlns="urn:qujat:profile:1">',
         '<applicant surname=%s given-names=%s birth-date="%s" sex="%s" '
         'citizenship="%s" role="%s">' % (quoteattr(surname), quoteattr(given),
                                          born, sex, cc, role),
         None]                          # the passport, below
    if service.endswith("-extension") or service in ("work-visa-in-kz",
                                                     "trp-employment"):
        p.append('<current-visa category="C3" expires="%s"/>'
                 % day(rng, 2027, 2027))
    p.append('</applicant>')
    family = rng.randint(1, 5)          # the applicant and 0-4 others
    for k in range(family - 1):
        if k == 0 and rng.random() < 0.8:
            rel, dsex = "spouse", "F" if sex == "M" else "M"
            born = day(rng, 1962, 2000)
        else:
            rel, dsex = "child", rng.choice("MF")
            born = day(rng, 2008, 2025)
        dgiven = rng.choice(MALE if dsex == "M" else FEMALE)
        p.append('<dependant relation="%s" surname=%s given-names=%s '
                 'birth-date="%s" sex="%s" citizenship="%s">%s</dependant>' % (
                     rel, quoteattr(surname), quoteattr(dgiven), born, dsex,
                     cc, passport(rng)))
    (name, city, address), kk, ru = rng.choice(COMPANIES)
    p.append('<company name=%s bin="%012d" form="legal-entity">'
             '<name xml:lang="kk">%s</name><name xml:lang="ru">%s</name>'
             '<address>%s</address><address xml:lang="kk">%s</address>'
             '<address xml:lang="ru">%s</address>'
             '<contacts>+7 7172 64 73 %02d, hr@example.kz</contacts>'
             '<head position="Director" name="Aigerim Nurlanovna Sadykova">'
             '<position xml:lang="kk">Директор</position>'
             '<position xml:lang="ru">Директор</position>'
             '<name xml:lang="kk">Садыкова Айгерим Нурлановна</name>'
             '<name xml:lang="ru">Садыкова Айгерим Нурлановна</name>'
             '</head></company>' % (
                 quoteattr(name), rng.randint(10**11, 10**12 - 1), kk[0], ru[0],
                 address, kk[2], ru[2], rng.randint(10, 99)))
    if document == "letter" or service.endswith("-invitation"):
        # What the letter checks accept: a work visa (C3) single-entry for
        # about a year, a business visa (B1) single-entry up to 90 days.
        start = datetime.date(2027, rng.randint(1, 12), rng.randint(1, 28))
        work = service.startswith("work")
        end = start + datetime.timedelta(
            days=rng.randint(300, 360) if work else rng.randint(10, 85))
        # A letter needs the passport valid 3 months after the visa: an
        # HR office sends no letter for one that is not, so such a
        # passport is a year newer (no other draw, the same jobs after).
        if expires < (end + datetime.timedelta(days=100)).isoformat():
            expires = "%04d%s" % (int(expires[:4]) + 1, expires[4:])
        house, apt = rng.randint(1, 200), rng.randint(1, 90)
        p.append('<request category="%s" entries="single" from="%s" to="%s" '
                 'purpose="%s at %s" '
                 'issue-place="Embassy of the Republic of Kazakhstan in London" '
                 'stay-address="%d Dostyk Street, apt. %d, %s" '
                 'letter-number="HR-%d">' % (
                     "C3" if work else "B1", start, end,
                     "Employment as an engineer" if work else "Negotiations",
                     name, house, apt, city, rng.randint(100, 999)))
        for code in ("kk", "ru"):
            p.append('<purpose xml:lang="%s">%s</purpose>'
                     % (code, PURPOSE[code][0 if work else 1]))
        for code in ("kk", "ru"):
            p.append('<issue-place xml:lang="%s">%s</issue-place>'
                     % (code, ISSUE_PLACE[code]))
        p.append('<stay-address xml:lang="kk">%s, Достық көшесі, %d-үй, '
                 '%d-пәтер</stay-address>' % (kk[1], house, apt))
        p.append('<stay-address xml:lang="ru">%s, ул. Достык, д. %d, кв. %d'
                 '</stay-address>' % (ru[1], house, apt))
        p.append('</request>')
    p[2] = '<passport number="%s" issued="%s" expires="%s"/>' % (
        number, issued, expires)
    p.append('<filing by-representative="%s" work-permit-required="false" '
             'priority="false" personal-manager="%s"/>' % (
                 rng.choice(["true", "false"]),
                 "true" if rng.random() < 0.1 else "false"))
    p.append('</profile>')
    return "".join(p)


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 16)
    weights = [m[3] for m in MIX]
    out = sys.stdout
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">\n')
    for i in range(n):
        document, service, brief, _ = rng.choices(MIX, weights)[0]
        lang = rng.choice(LANGS)
        flags = ' brief="true"' if brief else ""
        out.write('<job id="%07d" document="%s" service="%s" lang="%s"%s '
                  'output="d%04d/j%07d-%s-%s.pdf">%s</job>\n' % (
                      i, document, service, lang, flags, i // 1000, i,
                      document, lang, profile(rng, document, service, lang)))
    out.write('</jobs>\n')


if __name__ == "__main__":
    main()
