#!/usr/bin/env bash
# Builds Timecard for release in _build-bench, runs every benchmark (every
# meson benchmark() target) under Xvfb with a private session bus,
# and prints one table gathered from the TABLE lines they print:
#
#   TABLE<TAB>name<TAB>value<TAB>unit<TAB>baseline<TAB>baseline-name<TAB>target
#
# baseline is "-" when a figure has none. target, read generically:
#   <=1.3x  >=0.5x   ratio value/baseline at most / at least
#   <=+12            value - baseline at most 12 (in the unit)
#   <=100   >=10     the value itself (< and > too)
# (≤ ≥ × are accepted for <= >= x; a note in parentheses after the target
# is ignored). Anything else ("-") is shown, not judged.
#
#   build-aux/bench.sh                  every benchmark, full settings
#   build-aux/bench.sh --short          TC_BENCH_SHORT=1 (fewer runs, as CI)
#   build-aux/bench.sh NAME…            only these benchmarks
#   TC_BENCH_TEAM_100K=1 build-aux/bench.sh bench-team-page
#
# The whole output goes to _build-bench/bench-output.txt, the table also to
# _build-bench/bench-table.md (Markdown, for the README).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

builddir=_build-bench
names=()
for arg in "$@"; do
  case "$arg" in
    --short) export TC_BENCH_SHORT=1 ;;
    -h|--help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) names+=("$arg") ;;
  esac
done

if [[ -f "$builddir/build.ninja" ]]; then
  meson setup --reconfigure "$builddir" -Dwerror=true -Dbuildtype=release >/dev/null
else
  meson setup "$builddir" -Dwerror=true -Dbuildtype=release >/dev/null
fi
# The whole project: bench-app-startup runs the real program.
meson compile -C "$builddir"

out="$builddir/bench-output.txt"
status=0
xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
  meson test -C "$builddir" --benchmark --no-rebuild -v "${names[@]}" \
  >"$out" 2>&1 || status=$?
grep -E '^(load average|TABLE|[0-9]+/[0-9]+ )' "$out" | grep -v '^TABLE' || true
echo

python3 - "$out" "$builddir/bench-table.md" <<'PY'
import re, sys

def judge(value, baseline, target):
    # A note in parentheses after the target ("(10x 61)") is not read.
    t = re.sub(r'\(.*\)\s*$', '', target)
    t = t.replace('≤', '<=').replace('≥', '>=').replace('×', 'x').replace(' ', '')
    m = re.fullmatch(r'(<=|>=|<|>)(\+?)(-?[0-9.]+)(x?)', t)
    if not m:
        return None
    op, plus, num, ratio = m.group(1), m.group(2), float(m.group(3)), m.group(4)
    if ratio or plus:
        if baseline is None:
            return None
        x = value / baseline if ratio else value - baseline
    else:
        x = value
    return {'<=': x <= num, '>=': x >= num, '<': x < num, '>': x > num}[op]

rows = []
for line in open(sys.argv[1], encoding='utf-8', errors='replace'):
    line = line.rstrip('\n')
    if not line.startswith('TABLE\t'):
        continue
    f = line.split('\t')[1:]
    if len(f) < 6:
        continue
    name, value, unit, baseline, base_name, target = f[:6]
    try:
        v = float(value)
    except ValueError:
        continue
    try:
        b = float(baseline)
    except ValueError:
        b = None
    ratio = f'{v / b:.2f}x' if b else '-'
    met = judge(v, b, target)
    rows.append([name, f'{value} {unit}',
                 f'{baseline} {unit} ({base_name})' if b is not None else '-',
                 ratio, target,
                 '-' if target.strip() == '-' else {True: 'yes', False: 'NO', None: '?'}[met]])

head = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met']
widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
fmt = lambda r: '  '.join(c.ljust(w) for c, w in zip(r, widths))
print(fmt(head))
print('  '.join('-' * w for w in widths))
for r in rows:
    print(fmt(r))
with open(sys.argv[2], 'w', encoding='utf-8') as md:
    md.write('| ' + ' | '.join(head) + ' |\n')
    md.write('|' + '|'.join('---' for _ in head) + '|\n')
    for r in rows:
        md.write('| ' + ' | '.join(c.replace('|', '\\|') for c in r) + ' |\n')
if not rows:
    print('(no TABLE lines)')
PY
echo
echo "Full output: $out; table: $builddir/bench-table.md"
exit $status
