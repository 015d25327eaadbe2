# SPDX-License-Identifier: MIT
"""Runs the README's examples as printed (tests/cli/test_readme.sh).

Two kinds of code blocks hold commands:
  - sh blocks: every line starting with build/qujat (continuation lines
    joined, the trailing "# comment" dropped) must exit 0;
  - transcripts (plain blocks with "$ command" lines): every command runs in
    order in the same directory; for a qujat command, each line shown after
    it must be printed (a diagnostic on stderr, anything else on stdout;
    lines with "..." are abridged and only their start is compared), and it
    must fail exactly when the transcript shows an error or a "$ echo $?"
    of non-zero.
They run in a scratch directory where build/qujat is the qujat under test
and samples/, services/, tests/, scripts/ and docs/ are the sources', with
SOURCE_DATE_EPOCH pinned (the README's examples are of 21 November 2026).
"""
import os
import re
import subprocess
import sys

qujat, src, work = sys.argv[1], sys.argv[2], sys.argv[3]
failed = 0


def fail(msg):
    global failed
    failed = 1
    print("FAIL: " + msg)


os.makedirs(os.path.join(work, "build"), exist_ok=True)
os.symlink(os.path.abspath(qujat), os.path.join(work, "build", "qujat"))
for d in ("samples", "services", "tests", "scripts", "docs"):
    os.symlink(os.path.join(src, d), os.path.join(work, d))
env = dict(os.environ, SOURCE_DATE_EPOCH="1795219200")  # 2026-11-21
env.pop("QUJAT_DATA_DIR", None)


def run(cmd):
    return subprocess.run(["sh", "-c", cmd], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)


blocks = []  # (kind, [lines]) of the README's fenced blocks
kind, lines = None, None
for line in open(os.path.join(src, "README.md"), encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("```"):
        if kind is None:
            kind, lines = line[3:].strip() or "plain", []
        else:
            blocks.append((kind, lines))
            kind = None
    elif kind is not None:
        lines.append(line)

ran = 0
for kind, lines in blocks:
    if kind == "sh":
        joined, cur = [], ""
        for line in lines:
            if cur or line.startswith("build/qujat "):
                cur += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
                if not line.endswith("\\"):
                    joined.append(cur)
                    cur = ""
        for cmd in joined:
            cmd = re.sub(r"\s+#.*$", "", cmd)
            r = run(cmd)
            ran += 1
            if r.returncode != 0:
                fail("README: %s: exit %d: %s" % (cmd, r.returncode, r.stderr.strip()))
    elif any(l.startswith("$ ") for l in lines):
        steps = []  # [command, shown lines]
        for line in lines:
            if line.startswith("$ "):
                steps.append([line[2:], []])
            elif steps and steps[-1][0].endswith("\\") and not steps[-1][1]:
                steps[-1][0] = steps[-1][0].rstrip("\\").rstrip() + " " + line.strip()
            elif steps:
                steps[-1][1].append(line)
        for i, (cmd, shown) in enumerate(steps):
            if cmd.startswith("echo $?"):
                continue
            r = run(cmd)
            ran += 1
            if not cmd.startswith("build/qujat"):
                continue
            nxt = steps[i + 1] if i + 1 < len(steps) else None
            errors = [l for l in shown if re.search(r"(^qujat|:\d+): error: ", l)]
            if nxt and nxt[0].startswith("echo $?"):
                want = int(nxt[1][0])
                if r.returncode != want:
                    fail("README: %s: exit %d, the README says %d" % (cmd, r.returncode, want))
            elif bool(errors) != (r.returncode != 0):
                fail("README: %s: exit %d: %s" % (cmd, r.returncode, r.stderr.strip()))
            for l in shown:
                diag = re.search(r"(^qujat|:\d+): (error|warning): ", l)
                got = r.stderr if diag else r.stdout
                want = l.rstrip()
                if "..." in want:
                    want = want.split("...")[0].rstrip()
                if want and want not in [g.rstrip()[:len(want)] for g in got.splitlines()] \
                        and want not in got:
                    fail("README: %s: does not print: %s" % (cmd, l))
print("%d README commands run" % ran)
if ran < 20:
    fail("only %d README commands found" % ran)
sys.exit(failed)
