/* SPDX-License-Identifier: MIT */
/* qujat help CMD and qujat CMD --help: the usage of one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli_args.h"

static const struct {
  const char *name;
  const char *text;
} helps[] = {
    {"list", "Usage: qujat list [--lang L] [--format text|json]\n"
             "\n"
             "The services and their ids, by guidebook section.\n"
             "\n"
             "  --lang L        kk, ru or en (default en)\n"
             "  --format F      text (default) or json\n"},
    {"show", "Usage: qujat show SERVICE [--lang L] [--date D] "
             "[--format text|json]\n"
             "\n"
             "One service as the guidebook edition in force on the date gives "
             "it:\n"
             "every document, fee, step and note, for no applicant in "
             "particular.\n"
             "\n"
             "  --lang L        kk, ru or en (default en)\n"
             "  --date D        YYYY-MM-DD (default today, or "
             "SOURCE_DATE_EPOCH)\n"
             "  --format F      text (default) or json\n"},
    {"checklist",
     "Usage: qujat checklist SERVICE [--profile P.xml] [--lang L] [--date D]\n"
     "                       [--brief] [--format pdf|text|json] [-o FILE]\n"
     "\n"
     "The documents one applicant must bring, each with the reason it\n"
     "applies, the fees, the timeframe and the dates that matter. Without\n"
     "a profile: the generic checklist.\n"
     "\n"
     "  --profile P     the applicant (urn:qujat:profile:1); '-' reads it\n"
     "                  from standard input\n"
     "  --lang L        kk, ru or en (default en); kk+ru: two columns (PDF)\n"
     "  --date D        YYYY-MM-DD (default today, or SOURCE_DATE_EPOCH)\n"
     "  --brief         the one-page form for the window\n"
     "  --format F      pdf (default), text or json\n"
     "  --pdf-standard S  pdfa: PDF/A-2b (fee slips 3b), tagged, kk+ru in\n"
     "                  reading order; none: the plain PDF (default)\n"
     "  -o FILE         write to FILE ('-': standard output); a PDF is not\n"
     "                  written to a terminal\n"},
    {"fees",
     "Usage: qujat fees SERVICE [--profile P.xml] [--lang L] [--date D]\n"
     "                  [--format pdf|text|json] [-o FILE]\n"
     "       qujat fees --fine KIND [--days N | --size small|medium|large]\n"
     "                  [--lang L] [--date D] [--format pdf|text|json] "
     "[-o FILE]\n"
     "\n"
     "A fee slip: every fee, to whom, the total in figures and words, a\n"
     "reference and a QR code, the data as XML inside the PDF. With --fine:\n"
     "an administrative fine for the date (an unknown KIND lists them).\n"
     "\n"
     "  --profile P     the applicant; '-' reads it from standard input\n"
     "  --fine KIND     a fine instead of a service, e.g. "
     "late-notification\n"
     "  --days N        days late, for fines by days\n"
     "  --size S        small, medium or large, for fines by business size\n"
     "  --lang L        kk, ru or en (default en)\n"
     "  --date D        YYYY-MM-DD (default today, or SOURCE_DATE_EPOCH)\n"
     "  --format F      pdf (default), text or json\n"
     "  --pdf-standard S  pdfa: PDF/A-2b (fee slips 3b), tagged, kk+ru in\n"
     "                  reading order; none: the plain PDF (default)\n"
     "  -o FILE         write to FILE ('-': standard output)\n"},
    {"letter",
     "Usage: qujat letter SERVICE --profile P.xml [--lang L] [--date D]\n"
     "                    [--copies N] [--format pdf|text] [-o FILE]\n"
     "\n"
     "The invitation or request letter the company prints, in N marked\n"
     "copies, after checking that the profile has every fact it states.\n"
     "\n"
     "  --profile P     the company, the invited persons and the request;\n"
     "                  '-' reads it from standard input\n"
     "  --lang L        kk, ru or en (default en)\n"
     "  --date D        YYYY-MM-DD (default today, or SOURCE_DATE_EPOCH)\n"
     "  --copies N      1 to 10 marked copies (default 2)\n"
     "  --format F      pdf (default) or text\n"
     "  --pdf-standard S  pdfa: PDF/A-2b (fee slips 3b), tagged, kk+ru in\n"
     "                  reading order; none: the plain PDF (default)\n"
     "  -o FILE         write to FILE ('-': standard output)\n"},
    {"batch",
     "Usage: qujat batch JOBS.xml|JOBS.csv [-o DIR] [-j N] [--resume]\n"
     "                   [--shard K/N] [--manifest FILE] [--encoding E]\n"
     "                   [--date D] [--sync] [--progress]\n"
     "\n"
     "Every job of a job file, on N threads: each output complete or an\n"
     "error line in the manifest (one JSON object per line).\n"
     "\n"
     "  --pdf-standard S  pdfa: PDF/A-2b (fee slips 3b), tagged, kk+ru in\n"
     "                  reading order; none: the plain PDF (default)\n"
     "  -o DIR          where the outputs go (default .), created if missing\n"
     "  -j N            threads, 1 to 64 (default: one per processor)\n"
     "  --resume        skip jobs whose output is complete already\n"
     "  --shard K/N     only jobs K, K+N, K+2N...; the manifest is\n"
     "                  DIR/manifest-K-of-N.jsonl\n"
     "  --manifest F    the manifest (default DIR/manifest.jsonl; *.csv: "
     "CSV)\n"
     "  --encoding E    CSV: UTF-8, UTF-16, UTF-16LE, UTF-16BE, CP1251 or\n"
     "                  KZ-1048 (default: detected)\n"
     "  --date D        for jobs that give none (default today)\n"
     "  --sync          fsync every output, not only once at the end\n"
     "  --progress      progress lines also when stderr is not a terminal\n"
     "                  (CI and container logs): one every 5 seconds\n"},
    {"validate",
     "Usage: qujat validate FILE...\n"
     "\n"
     "Checks catalog, profile, fee slip and job files against their schemas\n"
     "and the loaders' rules; prints 'FILE: valid' or every problem with "
     "its\n"
     "line. Exit status 1 when a file is not valid.\n"},
    {"regime",
     "Usage: qujat regime COUNTRY [--date D] [--lang L] [--format "
     "text|json]\n"
     "\n"
     "The entry regime for citizens of COUNTRY (an ISO 3166 code such as "
     "GB,\n"
     "or a name in Kazakh, Russian or English): visa-free entry and for how\n"
     "long, whether work is allowed, e-visa eligibility and its categories\n"
     "by each source, whether an invitation is needed, the QazETA travel\n"
     "authorisation, a TRP instead of a visa. Each answer names its source\n"
     "and date; where the sources differ, both are shown.\n"
     "Exit status 2 for an unknown country.\n"},
    {"stay",
     "Usage: qujat stay --citizenship CC --entry D --exit D [--entry D "
     "--exit D]...\n"
     "                  [--on D] [--start D] [--exit-on D] [--date D]\n"
     "                  [--lang L] [--format text|json]\n"
     "\n"
     "The stay calculator for the visa-free regime of citizenship CC: the\n"
     "days of the trips (entry and exit days both count) used in the rolling\n"
     "window and in the calendar year on --on (default --date), the days\n"
     "left, the last legal day of a stay that starts on --start, and the\n"
     "overstay fine (article 517) for leaving on --exit-on, in tenge of that\n"
     "year's MCI.\n"},
    {"categories",
     "Usage: qujat categories [--lang L] [--format text|json]\n"
     "\n"
     "The visa categories of the migration digest (entries, validity, stay\n"
     "per entry) and the matrix of category changes inside Kazakhstan with\n"
     "its footnotes. Letters and checklists check a requested category,\n"
     "entries and period against them.\n"},
    {"serve",
     "Usage: qujat serve [--listen ADDR:PORT] [--threads N] "
     "[--max-connections N]\n"
     "                   [--per-ip N] [--timeout S] [--request-timeout S]\n"
     "                   [--date D] [--quiet]\n"
     "\n"
     "The web page (/) and the HTTP API (/api/services, /api/checklist,\n"
     "/api/fees, /api/letter, /healthz), with GNU libmicrohttpd; see\n"
     "docs/serving.md. SIGTERM stops it after the requests in flight.\n"
     "\n"
     "  --listen A:P    address and port (default 127.0.0.1:8080; IPv6 as\n"
     "                  [::1]:8080)\n"
     "  --threads N     threads that parse and render (default 2)\n"
     "  --max-connections N  connections at once (default 256)\n"
     "  --per-ip N      connections from one address (default 32)\n"
     "  --timeout S     an idle connection is cut after S seconds (default "
     "15)\n"
     "  --request-timeout S  a request, from the connection's start (or the\n"
     "                  previous answer's end) to its answer's last byte,\n"
     "                  is cut after S seconds in all (default 30)\n"
     "  --date D        a fixed document date (default today, UTC+5)\n"
     "  --quiet         no access log\n"},
    {"help", "Usage: qujat help [COMMAND]\n"
             "\n"
             "The commands, or the options of one of them (also: qujat "
             "COMMAND --help).\n"},
};

int cli_print_command_help(const char *name) {
  for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++) {
    if (strcmp(helps[i].name, name) == 0) {
      fputs(helps[i].text, stdout);
      fputs("\nGlobal options (before COMMAND): --data DIR (also "
            "QUJAT_DATA_DIR).\n"
            "Exit status: 0 success, 1 failure, 2 wrong usage.\n",
            stdout);
      return 0;
    }
  }
  return -1;
}
