/* SPDX-License-Identifier: MIT */
/*
 * The command line's messages in kk, ru and en.
 *
 * One table, `formats`: the CLI's own printf formats, keyed by the English
 * text (gettext's idea without gettext: the English is the key and the
 * fallback); every translation has the same conversions in the same order.
 * The library's errors are retold in cli_explain.c.
 */
#include "cli_i18n.h"

#include <stdio.h>
#include <string.h>

static qujat_lang msg_lang = QUJAT_LANG_EN;

void cli_set_lang(qujat_lang lang) { msg_lang = lang; }
qujat_lang cli_lang(void) { return msg_lang; }

int cli_lang_index(void) {
  switch (msg_lang) {
  case QUJAT_LANG_RU:
    return L_RU;
  case QUJAT_LANG_KK:
  case QUJAT_LANG_KK_RU:
    return L_KK;
  default:
    return L_EN;
  }
}

void cli_lang_from_args(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *v = NULL;
    qujat_lang lang;
    if (strcmp(argv[i], "--") == 0)
      break;
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
      v = argv[++i];
    else if (strncmp(argv[i], "--lang=", 7) == 0)
      v = argv[i] + 7;
    if (v && qujat_lang_parse(v, &lang) == QUJAT_OK)
      msg_lang = lang;
  }
}

/* ------------------------------------------------------------------------
 * The CLI's own messages
 * ------------------------------------------------------------------------ */

static const text3 words[] = {
    {"error", "ошибка", "қате"},
    {"warning", "предупреждение", "ескерту"},
    {"Try 'qujat --help'.", "Справка: qujat --help.",
     "Анықтама: qujat --help."},
};

static const text3 formats[] = {
    {"%s: unknown option '%s'", "%s: неизвестный параметр «%s»",
     "%s: белгісіз параметр «%s»"},
    {"%s: option '%s' needs a value", "%s: для параметра «%s» нужно значение",
     "%s: «%s» параметріне мән керек"},
    {"%s does not take --%s", "%s: параметр --%s здесь не применяется",
     "%s: --%s параметрі бұл командада қолданылмайды"},
    {"unknown language '%s': expected kk, ru, en or kk+ru",
     "неизвестный язык «%s»: допустимы kk, ru, en или kk+ru",
     "белгісіз тіл «%s»: kk, ru, en немесе kk+ru болуы керек"},
    {"'%s' is not a date: expected YYYY-MM-DD",
     "«%s» — не дата: укажите дату в виде ГГГГ-ММ-ДД (YYYY-MM-DD)",
     "«%s» – күн емес: күнді ЖЖЖЖ-АА-КК (YYYY-MM-DD) түрінде көрсетіңіз"},
    {"unknown format '%s': expected %s", "неизвестный формат «%s»: допустимы %s",
     "белгісіз формат «%s»: %s болуы керек"},
    {"pdf, text or json", "pdf, text или json", "pdf, text немесе json"},
    {"text or json", "text или json", "text немесе json"},
    {"--days '%s': expected a whole number of days from 1",
     "--days «%s»: укажите целое число дней от 1",
     "--days «%s»: күндер санын 1-ден бастап бүтін санмен көрсетіңіз"},
    {"--copies '%s': expected 1 to 10",
     "--copies «%s»: укажите число от 1 до 10",
     "--copies «%s»: 1-ден 10-ға дейінгі санды көрсетіңіз"},
    {"--size '%s': expected small, medium or large",
     "--size «%s»: допустимы small (малый), medium (средний) или large "
     "(крупный)",
     "--size «%s»: small (шағын), medium (орта) немесе large (ірі) болуы "
     "керек"},
    {"-j '%s': expected 1 to 64 threads",
     "-j «%s»: укажите число потоков от 1 до 64",
     "-j «%s»: ағындар саны 1-ден 64-ке дейін болуы керек"},
    {"--shard '%s': expected K/N with 1 <= K <= N, e.g. 1/4",
     "--shard «%s»: укажите K/N, где 1 <= K <= N, например 1/4",
     "--shard «%s»: K/N түрінде көрсетіңіз (1 <= K <= N), мысалы 1/4"},
    {"%s: unexpected option", "%s: непредусмотренный параметр",
     "%s: күтілмеген параметр"},
    {"batch needs exactly one job file (JOBS.xml or JOBS.csv)",
     "для batch нужен ровно один файл заданий (JOBS.xml или JOBS.csv)",
     "batch командасына бір ғана тапсырмалар файлы керек (JOBS.xml немесе "
     "JOBS.csv)"},
    {"batch writes files: -o names a directory",
     "batch записывает файлы: в -o укажите каталог",
     "batch файлдар жазады: -o параметрінде каталогты көрсетіңіз"},
    {"checklist needs exactly one SERVICE (qujat list shows them)",
     "для checklist нужна ровно одна услуга SERVICE (список: qujat list)",
     "checklist командасына бір ғана қызмет (SERVICE) керек (тізімі: qujat "
     "list)"},
    {"checklist: --lang kk+ru is only for PDF output",
     "checklist: --lang kk+ru возможен только для PDF",
     "checklist: --lang kk+ru тек PDF үшін қолданылады"},
    {"fees --fine takes no SERVICE", "fees --fine: услуга SERVICE не указывается",
     "fees --fine: қызмет (SERVICE) көрсетілмейді"},
    {"fees --fine does not take --profile",
     "fees --fine: параметр --profile не применяется",
     "fees --fine: --profile параметрі қолданылмайды"},
    {"fees: --lang kk+ru is not available for fines",
     "fees: --lang kk+ru для штрафов недоступен",
     "fees: --lang kk+ru айыппұлдар үшін қолданылмайды"},
    {"--days and --size go with --fine KIND",
     "--days и --size указываются только вместе с --fine KIND",
     "--days және --size тек --fine KIND параметрімен бірге көрсетіледі"},
    {"fees needs exactly one SERVICE, or --fine KIND",
     "для fees нужна ровно одна услуга SERVICE или --fine KIND",
     "fees командасына бір ғана қызмет (SERVICE) немесе --fine KIND керек"},
    {"fees: --lang kk+ru is not available for fee slips",
     "fees: --lang kk+ru для расчёта сборов недоступен",
     "fees: --lang kk+ru алымдар есебі үшін қолданылмайды"},
    {"letter needs exactly one SERVICE",
     "для letter нужна ровно одна услуга SERVICE",
     "letter командасына бір ғана қызмет (SERVICE) керек"},
    {"letter needs --profile P.xml: the company, the invited persons and the "
     "request",
     "для letter нужен --profile P.xml: компания, приглашаемые лица и запрос",
     "letter командасына --profile P.xml керек: компания, шақырылатын "
     "адамдар және сұрау"},
    {"letter: the letter comes as pdf or text",
     "letter: письмо выводится в формате pdf или text",
     "letter: хат pdf немесе text форматында шығады"},
    {"letter: a letter is written in one language (kk, ru or en)",
     "letter: письмо составляется на одном языке (kk, ru или en)",
     "letter: хат бір тілде жазылады (kk, ru немесе en)"},
    {"list takes no arguments", "list не принимает аргументов",
     "list командасы аргумент қабылдамайды"},
    {"%s: --lang kk+ru is only for PDF documents",
     "%s: --lang kk+ru возможен только для документов PDF",
     "%s: --lang kk+ru тек PDF құжаттары үшін қолданылады"},
    {"show needs exactly one SERVICE (qujat list shows them)",
     "для show нужна ровно одна услуга SERVICE (список: qujat list)",
     "show командасына бір ғана қызмет (SERVICE) керек (тізімі: qujat list)"},
    {"validate needs at least one FILE",
     "для validate нужен хотя бы один файл FILE",
     "validate командасына кемінде бір файл (FILE) керек"},
    {"%s is not a qujat data directory (no services/catalog.xsd)",
     "%s — не каталог данных qujat (нет services/catalog.xsd)",
     "%s – qujat деректер каталогы емес (services/catalog.xsd жоқ)"},
    {"QUJAT_DATA_DIR=%s is not a qujat data directory (no "
     "services/catalog.xsd)",
     "QUJAT_DATA_DIR=%s — не каталог данных qujat (нет services/catalog.xsd)",
     "QUJAT_DATA_DIR=%s – qujat деректер каталогы емес (services/catalog.xsd "
     "жоқ)"},
    {"cannot find the qujat data (tried next to the program, %s and %s); use "
     "--data DIR or QUJAT_DATA_DIR",
     "данные qujat не найдены (проверены: рядом с программой, %s и %s); "
     "укажите --data DIR или QUJAT_DATA_DIR",
     "qujat деректері табылмады (тексерілді: бағдарлама жанында, %s және "
     "%s); --data DIR немесе QUJAT_DATA_DIR көрсетіңіз"},
    {"cannot write to standard output",
     "не удалось записать в стандартный вывод",
     "стандартты шығысқа жазу мүмкін болмады"},
    {"%s: will not write a PDF to a terminal; use -o FILE (or -o - to force), "
     "or --format text",
     "%s: PDF не выводится на терминал; укажите -o FILE (или -o -, чтобы "
     "всё же вывести) либо --format text",
     "%s: PDF терминалға шығарылмайды; -o FILE (бәрібір шығару үшін -o -) "
     "немесе --format text көрсетіңіз"},
    {"unknown option '%s'", "неизвестный параметр «%s»",
     "белгісіз параметр «%s»"},
    {"no command given", "не указана команда", "команда көрсетілмеген"},
    {"out of memory", "недостаточно памяти", "жад жеткіліксіз"},
    {"unknown command '%s'", "неизвестная команда «%s»",
     "белгісіз команда «%s»"},
    {"serve: the server program qujat-serve was not found (tried %s, %s and "
     "%s); install it with qujat, or build qujat with libmicrohttpd",
     "serve: программа сервера qujat-serve не найдена (проверены: %s, %s и "
     "%s); установите её вместе с qujat или соберите qujat с libmicrohttpd",
     "serve: qujat-serve сервер бағдарламасы табылмады (тексерілді: %s, %s "
     "және %s); оны qujat-пен бірге орнатыңыз немесе qujat-ты "
     "libmicrohttpd-мен жинаңыз"},
    {"cannot run %s: %s", "не удалось запустить %s: %s",
     "%s іске қосылмады: %s"},
    {"this qujat was built without libmicrohttpd: no serve",
     "этот qujat собран без libmicrohttpd: команды serve нет",
     "бұл qujat libmicrohttpd-сіз жиналған: serve командасы жоқ"},
};

static const char *lookup(const text3 *rows, size_t n, const char *en) {
  int l = cli_lang_index();
  if (l == L_EN)
    return en;
  for (size_t i = 0; i < n; i++)
    if (strcmp(rows[i][L_EN], en) == 0)
      return rows[i][l];
  return en;
}

const char *cli_tr(const char *fmt) {
  return lookup(formats, sizeof formats / sizeof formats[0], fmt);
}

const char *cli_word(const char *en) {
  return lookup(words, sizeof words / sizeof words[0], en);
}
