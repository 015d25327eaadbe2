# SPDX-License-Identifier: MIT
# Usage errors exit 2 with a hint; --help and --version exit 0.
. "$2/cli/lib.sh"

expect 2 "no command given" 
expect 2 "Try 'qujat --help'" 
expect 2 "unknown command 'frobnicate'" frobnicate
expect 2 "unknown option '--frob'" --frob list
expect 0 "^Usage: qujat" --help
expect 0 "^qujat [0-9]+\.[0-9]+\.[0-9]+" --version
expect 2 "needs exactly one SERVICE" checklist
expect 2 "needs exactly one SERVICE" checklist work-visa-in-kz iin
expect 2 "unknown language 'de'" checklist iin --lang de
expect 2 "'2026-02-30' is not a date" checklist iin --date 2026-02-30
expect 2 "'tomorrow' is not a date" checklist iin --date tomorrow
expect 2 "unknown format 'xml'" checklist iin --format xml
expect 2 "option '--lang' needs a value" checklist iin --lang
expect 2 "list does not take --profile" list --profile x.xml
expect 2 "list takes no arguments" list extra
expect 2 "kk\+ru" list --lang kk+ru
expect 2 "validate needs at least one FILE" validate
expect 2 "unknown service 'no-such-service'" checklist no-such-service --format text
expect 2 "unknown service 'no-such-service'" show no-such-service
finish
