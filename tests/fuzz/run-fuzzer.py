#!/usr/bin/env python3
# Runs one libFuzzer target for `meson test --suite fuzz`:
#  1. replays every input in regressions/<target>/ (each must run clean);
#  2. fuzzes for --seconds from a scratch copy of corpus/<target>/, with
#     the dictionary, under ASan and UBSan.
# A crash, timeout, out-of-memory or sanitizer report fails the test; the input is
# kept in --artifacts (the build dir) to be committed as a regression case.
# Prints libFuzzer's final coverage (cov, ft) and executions per second.
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument('--fuzzer', required=True)
parser.add_argument('--corpus', required=True)
parser.add_argument('--regressions', required=True)
parser.add_argument('--dict')
parser.add_argument('--artifacts', required=True)
parser.add_argument('--max-len', type=int, required=True)
parser.add_argument('--seconds', type=int, required=True)
args = parser.parse_args()

name = os.path.basename(args.fuzzer)
env = dict(os.environ)
# No leak checks: json-glib 1.6 and libsoup 3.2 leak a few bytes on some
# hostile inputs (RELIABILITY.md, "Fuzzing"), and their frames cannot be
# suppressed by name with the fast unwinder; leaks are valgrind's suite.
# handle_sigtrap: a fatal critical (G_DEBUG below) ends the process with
# SIGTRAP, which libFuzzer does not catch; reported by ASan as a crash, its
# input is kept in --artifacts like any other.
asan_options = ('detect_leaks=0:abort_on_error=0:allocator_may_return_null=1:handle_abort=1'
                ':handle_sigtrap=1')
env['ASAN_OPTIONS'] = asan_options
env['UBSAN_OPTIONS'] = 'print_stacktrace=1:halt_on_error=1:report_error_type=1'
env['G_DEBUG'] = 'fatal-criticals'
env['LC_ALL'] = 'C.UTF-8'

common = [
    '-timeout=10',
    '-rss_limit_mb=2560',
    '-malloc_limit_mb=2560',
    '-print_final_stats=1',
    '-detect_leaks=0',
]


def files_in(folder):
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if not f.startswith('.') and os.path.isfile(os.path.join(folder, f)))


def run(argv, tmp):
    env['TMPDIR'] = tmp
    print('$', ' '.join(argv), flush=True)
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors='replace')
    return proc.returncode, proc.stdout


os.makedirs(args.artifacts, exist_ok=True)
status = 0
with tempfile.TemporaryDirectory(prefix=f'tc-{name}-') as tmp:
    # Whole files, whatever -max_len: a regression may be longer.
    regressions = files_in(args.regressions)
    if regressions:
        rc, out = run([args.fuzzer] + common + regressions, tmp)
        if rc != 0:
            print(out[-20000:])
            print(f'{name}: a regression input of {args.regressions} fails again')
            sys.exit(1)
        print(f'{name}: {len(regressions)} regression inputs replayed clean')

    corpus = os.path.join(tmp, 'corpus')
    os.makedirs(corpus)
    seeds = files_in(args.corpus)
    for f in seeds:
        shutil.copy(f, corpus)
    argv = [args.fuzzer] + common + [
        f'-max_len={args.max_len}',
        f'-max_total_time={args.seconds}',
        f'-artifact_prefix={args.artifacts}/',
    ]
    if args.dict:
        argv.append(f'-dict={args.dict}')
    argv.append(corpus)
    rc, out = run(argv, tmp)

    stats = dict(re.findall(r'^stat::(\w+):\s+(\d+)', out, re.M))
    cov = re.findall(r'cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)', out)
    saved = re.findall(r'Test unit written to (\S+)', out)
    if rc != 0 or saved:
        print(out[-30000:])
        for path in saved:
            # Again with full stacks through the system libraries (slow
            # while fuzzing, so only now).
            env['ASAN_OPTIONS'] = asan_options + ':fast_unwind_on_malloc=0'
            _, again = run([args.fuzzer] + common + [path], tmp)
            env['ASAN_OPTIONS'] = asan_options
            print(again[-30000:])
            print(f'{name}: crashing input saved as {path}; once fixed, commit it to '
                  f'{args.regressions}/ as a regression case')
        status = 1
    else:
        print('\n'.join(out.splitlines()[-15:]))
    if cov:
        c, ft, n, size = cov[-1]
        done = re.findall(r'^Done (\d+) runs in (\d+) second', out, re.M)
        runs, secs = (int(done[-1][0]), int(done[-1][1])) if done else \
            (int(stats.get('number_of_executed_units', 0)), 0)
        rate = runs // secs if secs else stats.get('average_exec_per_sec', '?')
        print(f'{name}: {len(seeds)} seeds, {runs} runs in {secs} s ({rate} exec/s), '
              f'cov: {c} ft: {ft} corpus: {n}/{size}')
sys.exit(status)
