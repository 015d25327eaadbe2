/* SPDX-License-Identifier: MIT */
/* Where the data (services, locales, fonts, templates) lives. */
#ifndef QUJAT_CLI_DATADIR_H
#define QUJAT_CLI_DATADIR_H

/*
 * The data directory: `explicit_dir` (--data) if given, else
 * $QUJAT_DATA_DIR, else ../share/qujat next to the executable (an installed
 * or relocated qujat), else the source tree (a binary in the build tree),
 * else the configured install directory. Returns a static string, or NULL
 * after printing what was tried.
 */
const char *cli_data_dir(const char *explicit_dir);

/* The same; with `report` 0 nothing is printed when it is not found. */
const char *cli_data_dir_lookup(const char *explicit_dir, int report);

#endif
