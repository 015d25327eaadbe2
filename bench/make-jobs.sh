#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes a job file of N identical checklist jobs (bench/README.md) to
# stdout: the same one-page Kazakh checklist of the profile in bench/, each
# to its own output, 1000 to a directory.
#   bench/make-jobs.sh N PROFILE
set -eu
n=$1
profile=$2
awk -v n="$n" -v profile="$profile" 'BEGIN {
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  print "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"2026-11-21\">"
  for (i = 0; i < n; i++)
    printf "  <job id=\"%07d\" document=\"checklist\" service=\"work-visa-invitation\" lang=\"kk\" brief=\"true\" profile=\"%s\" output=\"d%04d/c%07d.pdf\"/>\n", i, profile, int(i / 1000), i
  print "</jobs>"
}'
