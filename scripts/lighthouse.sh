#!/usr/bin/env bash
# Lighthouse (mobile) scores of the public pages of a running site, over
# plain HTTP/1.1 and over HTTP/2 with TLS (start_tls_front): the figures in
# the README's table. Not a test: scores move with the machine.
#
#   scripts/lighthouse.sh [site address]   (default 127.0.0.1:3000)
#
# Fetches Lighthouse with npx the first time (kept in npm's cache).
source "$(dirname "$0")/lib.sh"
SITE="${1:-127.0.0.1:3000}"
FRONT_PORT=3443
LIGHTHOUSE_VERSION=13.5.0
export CHROME_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser)}"
[ -x "$CHROME_PATH" ] || die "no Chromium found: run scripts/setup.sh"

job="$(curl -fsS "http://$SITE/jobs" | grep -o 'href="/jobs/[^"?#]*"' | head -n 1 | cut -d'"' -f2)"
[ -n "$job" ] || die "no job on http://$SITE/jobs"
out="$(mktemp -d)"
trap 'stop_tls_front "$out"; rm -rf "$out"' EXIT
start_tls_front "$SITE" "$FRONT_PORT" "$out"

scores() {
  local base="$1" path attempt
  printf '%-48s %12s %14s %15s %5s\n' "$base" performance accessibility best-practices SEO
  for path in / /jobs "$job"; do
    # Headless Chromium now and then loses the trace (NO_NAVSTART): try again.
    for attempt in 1 2 3; do
      npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "$base$path" --quiet \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --ignore-certificate-errors" \
        --output=json --output-path="$out/report.json" >/dev/null 2>"$out/log" && break
      [ "$attempt" -lt 3 ] || { cat "$out/log" >&2; die "lighthouse failed on $path"; }
    done
    node -e '
      const r = require(process.argv[1]);
      const s = (k) => Math.round(r.categories[k].score * 100);
      console.log(process.argv[2].padEnd(48), String(s("performance")).padStart(12),
        String(s("accessibility")).padStart(14), String(s("best-practices")).padStart(15),
        String(s("seo")).padStart(5));
    ' "$out/report.json" "$path"
  done
}

scores "http://$SITE"
scores "https://127.0.0.1:$FRONT_PORT"
