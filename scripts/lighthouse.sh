#!/usr/bin/env bash
# Lighthouse (mobile) scores of the public pages of a running site, over
# plain HTTP/1.1 and over HTTP/2 with TLS (start_tls_front): the figures in
# the README's table: the median of RUNS runs (5) of each page, as the
# performance score moves by several points between runs here. Not a test.
#
#   [RUNS=5] scripts/lighthouse.sh [site address]   (default 127.0.0.1:3000)
#
# Fetches Lighthouse with npx the first time (kept in npm's cache).
source "$(dirname "$0")/lib.sh"
SITE="${1:-127.0.0.1:3000}"
FRONT_PORT=3443
LIGHTHOUSE_VERSION=13.5.0
RUNS="${RUNS:-5}"
export CHROME_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser)}"
[ -x "$CHROME_PATH" ] || die "no Chromium found: run scripts/setup.sh"

job="$(curl -fsS "http://$SITE/jobs" | grep -o 'href="/jobs/[^"?#]*"' | head -n 1 | cut -d'"' -f2)"
[ -n "$job" ] || die "no job on http://$SITE/jobs"
out="$(mktemp -d)"
trap 'stop_tls_front "$out"; rm -rf "$out"' EXIT
start_tls_front "$SITE" "$FRONT_PORT" "$out"

scores() {
  local base="$1" path attempt run
  printf '%-48s %18s %14s %15s %5s\n' "$base" "performance (range)" accessibility best-practices SEO
  for path in / /jobs "$job"; do
    for run in $(seq "$RUNS"); do
      # Headless Chromium now and then loses the trace (NO_NAVSTART): try again.
      for attempt in 1 2 3; do
        npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "$base$path" --quiet \
          --only-categories=performance,accessibility,best-practices,seo \
          --chrome-flags="--headless=new --no-sandbox --disable-gpu --ignore-certificate-errors" \
          --output=json --output-path="$out/report-$run.json" >/dev/null 2>"$out/log" && break
        [ "$attempt" -lt 3 ] || { cat "$out/log" >&2; die "lighthouse failed on $path"; }
      done
    done
    # The median of the runs for each category, and the range of performance.
    node -e '
      const runs = process.argv.slice(3).map((f) => require(f));
      const s = (k) => runs.map((r) => Math.round(r.categories[k].score * 100)).sort((a, b) => a - b);
      const median = (k) => s(k)[Math.floor(runs.length / 2)];
      const perf = s("performance");
      console.log(process.argv[1].padEnd(48),
        `${median("performance")} (${perf[0]}-${perf[perf.length - 1]})`.padStart(18),
        String(median("accessibility")).padStart(14), String(median("best-practices")).padStart(15),
        String(median("seo")).padStart(5));
    ' "$path" "" $(seq -f "$out/report-%g.json" "$RUNS")
  done
}

scores "http://$SITE"
scores "https://127.0.0.1:$FRONT_PORT"
