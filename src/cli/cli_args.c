/* SPDX-License-Identifier: MIT */
#include "cli_args.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_i18n.h"
#include "cli_msgs.h"

enum {
  O_LANG = 256,
  O_DATE,
  O_FORMAT,
  O_PROFILE,
  O_DATA,
  O_FINE,
  O_DAYS,
  O_SIZE,
  O_COPIES,
  O_RESUME,
  O_SHARD,
  O_MANIFEST,
  O_ENCODING,
  O_SYNC,
  O_BRIEF,
  O_PROGRESS,
  O_ALLOW_OUTSIDE,
  O_ALLOW_MIXED,
  O_NO_LETTERHEAD,
  O_PDF_STANDARD
};

static const struct option options[] = {
    {"lang", required_argument, NULL, O_LANG},
    {"date", required_argument, NULL, O_DATE},
    {"format", required_argument, NULL, O_FORMAT},
    {"profile", required_argument, NULL, O_PROFILE},
    {"output", required_argument, NULL, 'o'},
    {"data", required_argument, NULL, O_DATA},
    {"fine", required_argument, NULL, O_FINE},
    {"days", required_argument, NULL, O_DAYS},
    {"size", required_argument, NULL, O_SIZE},
    {"copies", required_argument, NULL, O_COPIES},
    {"jobs", required_argument, NULL, 'j'},
    {"resume", no_argument, NULL, O_RESUME},
    {"shard", required_argument, NULL, O_SHARD},
    {"manifest", required_argument, NULL, O_MANIFEST},
    {"encoding", required_argument, NULL, O_ENCODING},
    {"sync", no_argument, NULL, O_SYNC},
    {"allow-outside-profiles", no_argument, NULL, O_ALLOW_OUTSIDE},
    {"brief", no_argument, NULL, O_BRIEF},
    {"allow-mixed-language", no_argument, NULL, O_ALLOW_MIXED},
    {"no-letterhead", no_argument, NULL, O_NO_LETTERHEAD},
    {"progress", no_argument, NULL, O_PROGRESS},
    {"pdf-standard", required_argument, NULL, O_PDF_STANDARD},
    {NULL, 0, NULL, 0}};

/* Today, or the day of SOURCE_DATE_EPOCH for reproducible output. */
static void default_date(char out[11]) {
  time_t now = time(NULL);
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  struct tm tm;
  if (sde && *sde) {
    char *end;
    long long v = strtoll(sde, &end, 10);
    if (!*end && v >= 0) {
      now = (time_t)v;
      gmtime_r(&now, &tm);
      strftime(out, 11, "%Y-%m-%d", &tm);
      return;
    }
  }
  localtime_r(&now, &tm);
  strftime(out, 11, "%Y-%m-%d", &tm);
}

static const char *option_name(int c) {
  for (const struct option *o = options; o->name; o++)
    if (o->val == c)
      return o->name;
  return "?";
}

static int accepted_flag(int c) {
  switch (c) {
  case O_LANG:
    return OPT_LANG;
  case O_DATE:
    return OPT_DATE;
  case O_FORMAT:
    return OPT_FORMAT;
  case O_PROFILE:
    return OPT_PROFILE;
  case 'o':
  case O_PDF_STANDARD:
    return OPT_OUTPUT;
  case O_FINE:
  case O_DAYS:
  case O_SIZE:
    return OPT_FINE;
  case O_COPIES:
  case O_ALLOW_MIXED:
  case O_NO_LETTERHEAD:
    return OPT_COPIES; /* the letter's options */
  case 'j':
  case O_RESUME:
  case O_SHARD:
  case O_MANIFEST:
  case O_ENCODING:
  case O_SYNC:
  case O_PROGRESS:
  case O_ALLOW_OUTSIDE:
    return OPT_BATCH;
  case O_BRIEF:
    return OPT_BRIEF;
  default:
    return 0;
  }
}

int cli_parse(int argc, char **argv, unsigned accepted, struct cli_opts *o) {
  o->lang = QUJAT_LANG_EN;
  default_date(o->date);
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":o:j:", options, NULL)) != -1) {
    if (c == '?')
      return cli_usagef("%s: unknown option '%s'", argv[0],
                        argv[optind - 1]);
    if (c == ':')
      return cli_usagef("%s: option '%s' needs a value", argv[0],
                        argv[optind - 1]);
    int flag = accepted_flag(c);
    if (flag && !(accepted & (unsigned)flag))
      return cli_usagef("%s does not take --%s", argv[0], option_name(c));
    switch (c) {
    case O_LANG:
      if (qujat_lang_parse(optarg, &o->lang) != QUJAT_OK)
        return cli_usagef("unknown language '%s': expected kk, ru, en or "
                          "kk+ru",
                          optarg);
      o->lang_set = 1;
      break;
    case O_DATE:
      if (qujat_date_check(optarg) != QUJAT_OK)
        return cli_usagef("'%s' is not a date: expected YYYY-MM-DD", optarg);
      snprintf(o->date, sizeof o->date, "%s", optarg);
      break;
    case O_FORMAT:
      if (strcmp(optarg, "text") == 0)
        o->format = FORMAT_TEXT;
      else if (strcmp(optarg, "json") == 0)
        o->format = FORMAT_JSON;
      else if (strcmp(optarg, "pdf") == 0 && (accepted & OPT_OUTPUT))
        o->format = FORMAT_PDF;
      else
        return cli_usagef("unknown format '%s': expected %s", optarg,
                          cli_tr((accepted & OPT_OUTPUT) ? "pdf, text or json"
                                                         : "text or json"));
      break;
    case O_PROFILE:
      o->profile = optarg;
      break;
    case 'o':
      o->output = optarg;
      break;
    case O_DATA:
      o->data_dir = optarg;
      break;
    case O_FINE:
      o->fine = optarg;
      break;
    case O_DAYS: {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (end == optarg || *end || v < 1 || v > 100000)
        return cli_usagef("--days '%s': expected a whole number of days "
                          "from 1",
                          optarg);
      o->days = (int)v;
      break;
    }
    case O_ALLOW_MIXED:
      o->allow_mixed_language = 1;
      break;
    case O_NO_LETTERHEAD:
      o->no_letterhead = 1;
      break;
    case O_COPIES: {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (end == optarg || *end || v < 1 || v > 10)
        return cli_usagef("--copies '%s': expected 1 to 10", optarg);
      o->copies = (int)v;
      break;
    }
    case O_SIZE: {
      static const char *const sizes[] = {"small", "medium", "large"};
      o->size = QUJAT_SIZE_NONE;
      for (int i = 0; i < 3; i++)
        if (strcmp(optarg, sizes[i]) == 0)
          o->size = (qujat_business_size)(i + 1);
      if (o->size == QUJAT_SIZE_NONE)
        return cli_usagef("--size '%s': expected small, medium or large",
                          optarg);
      break;
    }
    case 'j': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (end == optarg || *end || v < 1 || v > 64)
        return cli_usagef("-j '%s': expected 1 to 64 threads", optarg);
      o->threads = (unsigned)v;
      break;
    }
    case O_SHARD: {
      unsigned k, n;
      int used = 0;
      if (sscanf(optarg, "%u/%u%n", &k, &n, &used) != 2 || optarg[used] ||
          n < 1 || k < 1 || k > n)
        return cli_usagef("--shard '%s': expected K/N with 1 <= K <= N, "
                          "e.g. 1/4",
                          optarg);
      o->shard = k;
      o->shards = n;
      break;
    }
    case O_RESUME:
      o->resume = 1;
      break;
    case O_SYNC:
      o->sync_each = 1;
      break;
    case O_ALLOW_OUTSIDE:
      o->allow_outside = 1;
      break;
    case O_BRIEF:
      o->brief = 1;
      break;
    case O_PROGRESS:
      o->progress = 1;
      break;
    case O_PDF_STANDARD:
      if (!strcmp(optarg, "pdfa"))
        o->pdf_standard = QUJAT_PDF_ARCHIVAL;
      else if (!strcmp(optarg, "none"))
        o->pdf_standard = QUJAT_PDF_NONE;
      else
        return cli_usagef("--pdf-standard '%s': expected pdfa (PDF/A, "
                          "tagged) or none (the plain PDF, the default)",
                          optarg);
      break;
    case O_MANIFEST:
      o->manifest = optarg;
      break;
    case O_ENCODING:
      o->encoding = optarg;
      break;
    default:
      return cli_usagef("%s: unexpected option", argv[0]);
    }
  }
  o->args = argv + optind;
  o->nargs = argc - optind;
  return EXIT_OK;
}

void cli_print_help(void) {
  fputs(
      "Usage: qujat [--data DIR] COMMAND [OPTIONS] [ARGS]\n"
      "\n"
      "Personalised immigration papers for Kazakhstan, from the Expat Centre\n"
      "guidebooks: what to bring, what it costs, and when to file.\n"
      "\n"
      "Commands:\n"
      "  list      [--lang L] [--format text|json]\n"
      "            the services and their ids\n"
      "  show      SERVICE [--lang L] [--date D] [--format text|json]\n"
      "            one service as the guidebook gives it\n"
      "  checklist SERVICE [--profile P.xml] [--lang L] [--date D]\n"
      "            [--brief] [--format pdf|text|json] [-o FILE]\n"
      "            the documents one applicant must bring, fees and dates\n"
      "            (a PDF unless --format says otherwise); --brief: the\n"
      "            one-page form for the window, without the documents\n"
      "            not needed, the steps and the notes\n"
      "  fees      SERVICE [--profile P.xml] [--lang L] [--date D]\n"
      "            [--format pdf|text|json] [-o FILE]\n"
      "            a fee slip: each fee, to whom, the total in figures and\n"
      "            words, a reference and QR code, the data as XML inside\n"
      "  fees      --fine KIND [--days N | --size small|medium|large]\n"
      "            [--lang L] [--date D] [--format text|json|pdf]\n"
      "            an administrative fine for the date (an unknown KIND\n"
      "            gives the list of kinds)\n"
      "  letter    SERVICE --profile P.xml [--lang L] [--date D]\n"
      "            [--copies N] [--no-letterhead] [--allow-mixed-language]\n"
      "            [--format pdf|text] [-o FILE]\n"
      "            the invitation or request letter the company prints, in\n"
      "            N marked copies (default 2), after checking the profile;\n"
      "            every free text in the letter's language (the profile's\n"
      "            <purpose xml:lang=\"ru\">...), or with\n"
      "            --allow-mixed-language another one, with a warning;\n"
      "            --no-letterhead leaves room for pre-printed paper\n"
      "  batch     JOBS.xml|JOBS.csv [-o DIR] [-j N] [--resume]\n"
      "            [--shard K/N] [--manifest FILE] [--encoding E]\n"
      "            [--date D] [--sync] [--progress] [--allow-outside-profiles]\n"
      "            every job of a job file, on N threads (default: one per\n"
      "            processor), each PDF complete or an error line in the\n"
      "            manifest (DIR/manifest.jsonl)\n"
      "  validate  FILE...\n"
      "            check catalog, profile, fee slip and job files against\n"
      "            their schemas\n"
      "  regime    COUNTRY [--date D] [--lang L] [--format text|json]\n"
      "            the entry regime for citizens of COUNTRY, by source\n"
      "  stay      --citizenship CC --entry D --exit D [...] [--on D]\n"
      "            [--start D] [--exit-on D]\n"
      "            days used and left, the last legal day, overstay fines\n"
      "  categories [--lang L] [--format text|json]\n"
      "            the visa categories and the category-change matrix\n"
      "  help      [COMMAND]\n"
      "            this help, or the options of one command\n"
      "\n"
      "Options:\n"
      "  --lang L      kk, ru or en (default en); kk+ru: two columns (PDF)\n"
      "  --date D      the date of the document, YYYY-MM-DD (default today,\n"
      "                or SOURCE_DATE_EPOCH): it chooses the price list and\n"
      "                the MCI\n"
      "  --profile P   the applicant (urn:qujat:profile:1, see the README)\n"
      "  -o FILE       write to FILE instead of stdout ('-' is stdout)\n"
      "  --data DIR    the data directory (services/, locales/, fonts/);\n"
      "                also QUJAT_DATA_DIR\n"
      "  -h, --help    this help; qujat help CMD or CMD --help: one command\n"
      "  -V, --version the version and what the data covers (editions, MCI\n"
      "                years)\n"
      "\n"
      "Exit status: 0 success, 1 failure, 2 wrong usage.\n",
      stdout);
}
