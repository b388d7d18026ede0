#!/usr/bin/env bash
# The performance figures of the README: the release build on the large
# demo data set (100k vacancies, 200k candidates with headlines and work
# history, 1M applications, 100k introduction requests), loaded by wrk from
# a second process over loopback.
#
#   scripts/bench.sh            # DURATION=20s CONNECTIONS=16 by default
#   scripts/bench.sh --quick    # 5 s a row, no rebuild when no source is
#                               # newer than the server, no vacuum: a few
#                               # minutes on a data set seeded before
#
# Prints req/s and p50/p95/p99 for job search with text and filters, a
# vacancy page, a pipeline of 5,000 applicants, the swipe deck page and its
# next-cards server function (twenty job seekers in turn; 1M swipes made),
# those job seekers' applications,
# talent search as the demo employer, and the baseline (a minimal axum + sqlx handler reading 12 rows), then
# each page's share of the baseline's req/s. The searches and the next
# cards also run with one connection: that latency is the server's own
# time. Then the EXPLAIN ANALYZE of the deck's query and of the talent
# search's, the live chat load across two instances
# (scripts/bench/chat-load.mjs: delivery p50 / p99, lost, doubled, RSS) and
# the EXPLAIN ANALYZE of a thread's first page and of the conversation list
# of the member with the most. The first run seeds the data set (several
# minutes). Every request takes the encodings a browser takes, so the rows
# include compressing (ENCODINGS=identity leaves it out).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

QUICK=false
[ "${1:-}" = --quick ] && QUICK=true
if $QUICK; then DURATION="${DURATION:-5s}"; else DURATION="${DURATION:-20s}"; fi
CONNECTIONS="${CONNECTIONS:-16}"
ENCODINGS="${ENCODINGS:-gzip, deflate, br, zstd}"
SITE=127.0.0.1:3000
BASE=127.0.0.1:3100

command -v wrk >/dev/null 2>&1 || { echo "bench: installing wrk"; apt_install wrk; }
command -v jq >/dev/null 2>&1 || { echo "bench: installing jq"; apt_install jq; }
port_open 3000 && die "something already listens on :3000; stop it first"
port_open 3100 && die "something already listens on :3100; stop it first"

scripts/setup.sh
scripts/pg-test.sh start
PG="$(scripts/pg-test.sh url)"
DB_URL="${PG%/postgres}/hirewell_bench"
psql -q "$PG" -tc "select 1 from pg_database where datname = 'hirewell_bench'" | grep -q 1 \
  || psql -q "$PG" -c "create database hirewell_bench"

SERVER=target/server-release/server
export_tool_versions
if $QUICK && [ -x "$SERVER" ] && [ -x target/server-release/bench-baseline ] \
    && [ -z "$(find app server frontend migrations style Cargo.toml Cargo.lock -newer "$SERVER" -type f | head -n 1)" ]; then
  echo "bench: the release build is newer than the sources; not rebuilding"
else
  echo "bench: building the release site and the baseline"
  build_release >/dev/null
  cargo build -q --profile server-release -p bench-baseline
fi

export DATABASE_URL="$DB_URL" DATA_DIR="$ROOT/.pg-test/bench-data" APP_ENV=production
# Production mode needs the field key from configuration; the bench keeps one.
mkdir -p "$DATA_DIR"
[ -f "$DATA_DIR/bench.key" ] || head -c 32 /dev/urandom | base64 >"$DATA_DIR/bench.key"
export DATA_KEY="$(cat "$DATA_DIR/bench.key")"
export_site_env
export LEPTOS_SITE_ADDR=$SITE LEPTOS_RELOAD_PORT=3001 RUST_LOG=warn
sqlx migrate run --source migrations >/dev/null
# Each part of the seed skips itself when present, so an older data set
# gains only what it lacks (job seekers' skills, swipes).
SEEDED="$(psql -q "$DB_URL" -Atc "select (select count(*) from vacancies) >= 100000
  and exists (select 1 from vacancy_swipes)
  and exists (select 1 from candidate_profiles where headline is not null
              and user_id in (select id from users where email like '%@example.org'))
  and exists (select 1 from credit_transfers where idempotency_key like 'seed-scale:%')
  and exists (select 1 from chat_messages)")"
if [ "$SEEDED" != t ]; then
  echo "bench: seeding the large data set (once; several minutes)"
  "$SERVER" seed --scale large
fi
$QUICK || psql -q "$DB_URL" -c "vacuum analyze" >/dev/null
# The load is one member searching over and over: lift their plan's hourly
# limit (on this data set only).
psql -q "$DB_URL" -c "update plan_versions set talent_searches_per_hour = null
   where id = (select l.id from company_members m join users u on u.id = m.user_id
                cross join lateral company_limits(m.company_id) l
               where u.email = 'employer@example.com')" >/dev/null
VACANCIES="$(psql -q "$DB_URL" -Atc "select count(*) from vacancies")"

"$SERVER" >/tmp/hirewell-bench-server.log 2>&1 &
SERVER_PID=$!
# Resident memory, and how much of it is mapped files (the server's code,
# mostly: RSS counts each page of the binary that ever ran).
rss() {
  awk '$1 == "VmRSS:" { all = $2 } $1 == "RssFile:" { files = $2 }
       END { printf "%.0f MB (files %.0f)", all / 1024, files / 1024 }' "/proc/$1/status"
}
BASELINE_ADDR=$BASE target/server-release/bench-baseline >/tmp/hirewell-bench-baseline.log 2>&1 &
BASE_PID=$!
trap 'kill $SERVER_PID $BASE_PID 2>/dev/null' EXIT
for _ in $(seq 60); do port_open 3000 && port_open 3100 && break; sleep 1; done
port_open 3000 || { tail /tmp/hirewell-bench-server.log; die "the site did not start"; }
# Background work that came due while the data set waited (emails of
# reminders, expiries) would run during the measurements: let it finish.
for _ in $(seq 300); do
  [ "$(psql -q "$DB_URL" -Atc "select (select count(*) from jobs
        where done_at is null and failed_at is null and run_at <= now())
      + (select count(*) from introduction_requests where status = 'pending'
        and (expires_at <= now() or (reminded_at is null and expires_at <= now() + interval '2 days')))")" = 0 ] && break
  sleep 1
done

login() { # email: prints the session and clock cookies, as a browser sends them
  # (without the clock, every page would read the time zone and set it again)
  curl -s -o /dev/null -D - -X POST "http://$SITE/api/login" \
    -H "Origin: http://$SITE" -H "Accept: application/json" \
    --data-urlencode "email=$1" --data-urlencode "password=hirewell-demo-1" \
    | awk 'tolower($1) == "set-cookie:" && $2 ~ /^(hirewell_session|hw_clock)=/ {
             split($2, c, ";"); printf "%s%s", sep, c[1]; sep = ";" }
           END { if (sep) print "" }'
}
# The demo employer, for their pipeline; twenty seeded job seekers with
# skills and swipes behind them, for the deck.
EMPLOYER="$(login employer@example.com)"
[ -n "$EMPLOYER" ] || die "could not log in as the demo employer"
SEEKER_EMAILS=($(psql -q "$DB_URL" -Atc "select u.email from users u
    join candidate_profiles p on p.user_id = u.id and p.current_title is not null
   where u.email like '%@example.org' and u.status = 'active'
     and exists (select 1 from vacancy_swipes s where s.user_id = u.id)
   order by u.email limit 20"))
SEEKERS=()
for email in "${SEEKER_EMAILS[@]}"; do SEEKERS+=("$(login "$email")"); done
[ -n "${SEEKERS[0]:-}" ] || die "could not log in as the seeded job seekers"
BUSIEST="$(psql -q "$DB_URL" -Atc "select vacancy_id from applications group by 1 order by count(*) desc limit 1")"
SLUG="$(psql -q "$DB_URL" -Atc "select slug from vacancies where status = 'active' order by applications_count desc limit 1 offset 10")"
APPLICANTS="$(psql -q "$DB_URL" -Atc "select count(*) from applications where vacancy_id = '$BUSIEST'")"

run() { # name url; with $COOKIES (sessions taken in turn) and $BODY (a form POST, when set)
  local check=(curl -sf -o /dev/null -H "Origin: http://$SITE") post=(env) line
  [ -n "${COOKIES:-}" ] && check+=(-H "Cookie: ${COOKIES%% *}")
  [ -n "${BODY+set}" ] && { check+=(--data "$BODY"); post+=("WRK_BODY=$BODY"); }
  "${check[@]}" "$2" || die "$1 does not answer 200: $2"
  line="$(WRK_COOKIES="${COOKIES:-}" "${post[@]}" \
    wrk -t"$(( CONNECTIONS < 2 ? CONNECTIONS : 2 ))" -c"$CONNECTIONS" -d"$DURATION" \
      -s scripts/bench/report.lua -H "Origin: http://$SITE" -H "Accept-Encoding: $ENCODINGS" "$2" \
      | grep '^RESULT')"
  # The server's RSS after each row: which pages leave memory held.
  printf '%-34s %s rss=%s\n' "$1" "${line#RESULT }" "$(rss $SERVER_PID | cut -d' ' -f1)"
  RPS["$1"]="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")"
}
declare -A RPS
echo
echo "data: $VACANCIES vacancies; pipeline of $APPLICANTS applicants; $CONNECTIONS connections for $DURATION each"
# At rest: once the search index has loaded (its load's buffers freed),
# not while it and the logins are under way.
for _ in $(seq 120); do
  grep -q 'search index loaded' /tmp/hirewell-bench-server.log && break
  sleep 1
done
sleep 3
STARTED_RSS="$(rss $SERVER_PID)"
# Searches no one asked for before (no kept copy answers them): a word of
# the vacancies' titles, a city and a way of working, each written in the
# six orders of its parameters (one search to the site, six addresses to
# the kept copies, which hold about 170 searches), shuffled.
SEARCHES="$(mktemp)"
psql -q "$DB_URL" -At >"$SEARCHES" <<'SQL'
with words as (select distinct lower(w) as w
                 from (select title from vacancies limit 2000) v,
                      regexp_split_to_table(v.title, '\s+') as w
                where length(w) > 3),
     cities as (select distinct city from (select city from vacancies limit 2000) v
                 where city is not null),
     ways as (select unnest(array['on_site', 'hybrid', 'remote']) as way),
     orders as (select unnest(array['q=%1$s&location=%2$s&remote=%3$s',
                                    'q=%1$s&remote=%3$s&location=%2$s',
                                    'location=%2$s&q=%1$s&remote=%3$s',
                                    'location=%2$s&remote=%3$s&q=%1$s',
                                    'remote=%3$s&q=%1$s&location=%2$s',
                                    'remote=%3$s&location=%2$s&q=%1$s']) as o)
select '/jobs?' || format(o, w, replace(city, ' ', '+'), way)
  from words, cities, ways, orders order by md5(o || w || city || way);
SQL
COMPANY="$(psql -q "$DB_URL" -Atc "select slug from companies where status = 'active' order by created_at limit 1 offset 10")"
run "baseline (axum + sqlx, 12 rows)" "http://$BASE/"
SEARCH="http://$SITE/jobs?q=data+analyst&remote=hybrid&employment_type=full_time&posted=30"
run "job search (text + filters)" "$SEARCH"
WRK_PATHS="$SEARCHES" run "job search, $(wc -l <"$SEARCHES") different" "http://$SITE/jobs"
# One request at a time: the latency is the server's own time, with no
# queueing behind the other connections on two cores.
WRK_PATHS="$SEARCHES" CONNECTIONS=1 run "job search, different, one conn." "http://$SITE/jobs"
# The same searches by the twenty job seekers in turn, then sorted by their
# fit ("Best match"), and a job seeker's first look at /jobs (no words).
COOKIES="${SEEKERS[*]}" WRK_PATHS="$SEARCHES" run "job search, different, signed in" "http://$SITE/jobs"
BEST_MATCH="$(mktemp)"
sed 's/$/\&sort=match/' "$SEARCHES" >"$BEST_MATCH"
COOKIES="${SEEKERS[*]}" WRK_PATHS="$BEST_MATCH" run "job search, best match, signed in" "http://$SITE/jobs"
COOKIES="${SEEKERS[*]}" run "jobs, no words, signed in" "http://$SITE/jobs"
run "home page" "http://$SITE/"
run "vacancy page" "http://$SITE/jobs/$SLUG"
run "company page" "http://$SITE/companies/$COMPANY"
COOKIES="$EMPLOYER" run "pipeline (employer)" "http://$SITE/employer/vacancies/$BUSIEST/pipeline"
COOKIES="${SEEKERS[*]}" run "swipe deck page" "http://$SITE/swipe"
COOKIES="${SEEKERS[*]}" run "applications (job seeker)" "http://$SITE/applications"
COOKIES="${SEEKERS[*]}" BODY="" run "next cards (server function)" "http://$SITE/api/swipe/deck"
COOKIES="${SEEKERS[*]}" BODY="" CONNECTIONS=1 run "next cards, one connection" "http://$SITE/api/swipe/deck"
TALENT_QUERY="q=finance&location=Lagos&years=5&open=1"
COOKIES="$EMPLOYER" run "talent search (text + filters)" "http://$SITE/talent?$TALENT_QUERY"
COOKIES="$EMPLOYER" CONNECTIONS=1 run "talent search, one connection" "http://$SITE/talent?$TALENT_QUERY"
# A single common word: every one of its 25k matches is ranked.
COOKIES="$EMPLOYER" CONNECTIONS=1 run "talent search, one word, one conn." "http://$SITE/talent?q=finance"
COOKIES="$EMPLOYER" CONNECTIONS=1 run "talent, recently active, one conn." "http://$SITE/talent"
echo
for page in "job search (text + filters)" "job search, $(wc -l <"$SEARCHES") different" \
            "job search, different, signed in" "jobs, no words, signed in" "home page" \
            "vacancy page" "company page" "pipeline (employer)" "swipe deck page" \
            "applications (job seeker)" "talent search (text + filters)"; do
  awk -v p="$page" -v r="${RPS[$page]}" -v b="${RPS["baseline (axum + sqlx, 12 rows)"]}" \
    'BEGIN { printf "%-34s %.0f%% of the baseline'"'"'s req/s\n", p, 100 * r / b }'
done

# Memory: after the rows above, then a minute (10 s when quick) of 64
# connections on searches, vacancy pages and company pages, then at rest.
# The searches in one order of their parameters only: a quarter of the
# load, as before the six orders.
PUBLIC_PAGES="$(mktemp)"
{ grep -E '^/jobs\?q=[^&]*&location=' "$SEARCHES"
  psql -q "$DB_URL" -Atc "select '/jobs/' || slug from vacancies where status = 'active' limit 3000"
  psql -q "$DB_URL" -Atc "select '/companies/' || slug from companies where status = 'active' limit 1000"
} | sort -R >"$PUBLIC_PAGES"
echo
echo "RSS of the server: at start $STARTED_RSS, after the rows above $(rss $SERVER_PID)"
if $QUICK; then LOAD="${LOAD:-10s}"; else LOAD="${LOAD:-60s}"; fi
WRK_PATHS="$PUBLIC_PAGES" wrk -t2 -c64 -d"$LOAD" -s scripts/bench/report.lua \
  -H "Accept-Encoding: $ENCODINGS" "http://$SITE/" | grep '^RESULT' \
  | sed "s/^RESULT/64 connections for $LOAD on public pages:/"
echo "RSS after that load $(rss $SERVER_PID); 10 s later $(sleep 10; rss $SERVER_PID)"
rm -f "$SEARCHES" "$BEST_MATCH" "$PUBLIC_PAGES"

# The deck's query as the server sends it (from the prepared query data),
# for the first of those job seekers with no filters and nothing held back.
echo
echo "EXPLAIN ANALYZE of the deck's query:"
DECK_QUERY="$(jq -r .query "$(grep -l 'vacancy_fits_deck(v' .sqlx/query-*.json)")"
limit_of() { sed -nE "s/^const $1: i64 = ([0-9]+);/\1/p" app/src/swipe/db.rs; }
SEEKER="$(psql -q "$DB_URL" -Atc "select id from users where email = '${SEEKER_EMAILS[0]}'")"
psql -q "$DB_URL" <<SQL
prepare deck as $DECK_QUERY;
explain (analyze, buffers, costs off)
execute deck('$SEEKER', '{}', '{}', '{}', null, null, '{}',
             $(limit_of POOL_SKILLS), $(limit_of PER_SKILL), $(limit_of NEWEST));
SQL

echo
echo "EXPLAIN ANALYZE of the talent search ($TALENT_QUERY), the queries of its first page:"
"$SERVER" explain-talent-search employer@example.com "$TALENT_QUERY"

# Live chat across two instances: a second server process on another port
# against the same database; 500 seeded job seekers in 250 conversations,
# one of each pair on each instance (scripts/bench/chat-load.mjs). Prints
# delivery p50 / p99, messages lost and doubled, and both servers' RSS.
SECOND=127.0.0.1:3002
LEPTOS_SITE_ADDR=$SECOND LEPTOS_RELOAD_PORT=3003 "$SERVER" >/tmp/hirewell-bench-server2.log 2>&1 &
SECOND_PID=$!
trap 'kill $SERVER_PID $BASE_PID $SECOND_PID 2>/dev/null' EXIT
for _ in $(seq 60); do port_open 3002 && break; sleep 1; done
PAIRS="$(mktemp)"
psql -q "$DB_URL" -At -F ' ' >"$PAIRS" <<'SQL'
create temporary table pairs as
with people as (
    select id, email, row_number() over (order by email) as n
      from users where email like '%@example.org' and status = 'active'
     order by email limit 500)
select least(a.id, b.id) as person, greatest(a.id, b.id) as peer, a.email as first, b.email as second
  from people a join people b on b.n = a.n + 1 where a.n % 2 = 1;
insert into chats (id, kind, person_id, peer_id)
select gen_random_uuid(), 'direct', person, peer from pairs
on conflict (person_id, peer_id) where kind = 'direct' do nothing;
insert into chat_participants (chat_id, user_id)
select c.id, w.who from pairs p
  join chats c on c.kind = 'direct' and c.person_id = p.person and c.peer_id = p.peer
 cross join lateral (values (p.person), (p.peer)) as w(who)
on conflict do nothing;
select c.id, p.first, p.second from pairs p
  join chats c on c.kind = 'direct' and c.person_id = p.person and c.peer_id = p.peer;
SQL
echo
echo "live chat: $(wc -l <"$PAIRS") conversations, 20 messages/s for 60 s across two instances"
echo "RSS before: first instance $(rss $SERVER_PID), second $(rss $SECOND_PID)"
SITES="http://$SITE,http://$SECOND" SERVER_PIDS="$SERVER_PID,$SECOND_PID" RATE=20 SECONDS=60 \
  node scripts/bench/chat-load.mjs "$PAIRS" | grep -E '^(RESULT|logged|[0-9]+ live|servers|parts)' || echo "chat load: FAILED (lost, doubled or refused messages; see above)"
echo "RSS after: first instance $(rss $SERVER_PID), second $(rss $SECOND_PID)"
rm -f "$PAIRS"

# The thread's first page and the list of conversations of the member
# with the most, as the server sends them.
query_of() { jq -r .query "$(grep -lF "$1" .sqlx/query-*.json | head -n 1)"; }
BUSY_MEMBER="$(psql -q "$DB_URL" -Atc "select m.user_id from chats c
    join company_members m on m.company_id = c.company_id group by 1 order by count(*) desc limit 1")"
BUSY_CHAT="$(psql -q "$DB_URL" -Atc "select id from chats order by last_seq desc limit 1")"
echo
echo "EXPLAIN ANALYZE of a thread's newest 50 messages:"
psql -q "$DB_URL" <<SQL
prepare thread as $(query_of 'and m.seq < $3');
explain (analyze, buffers, costs off) execute thread('$BUSY_CHAT', null, 9223372036854775807, 51, '$BUSY_MEMBER');
SQL
echo "EXPLAIN ANALYZE of the first page of conversations of a member with $(psql -q "$DB_URL" -Atc "select count(*) from chats c
    join company_members m on m.company_id = c.company_id where m.user_id = '$BUSY_MEMBER'") of them:"
psql -q "$DB_URL" <<SQL
prepare list as $(query_of 'with mine as');
explain (analyze, buffers, costs off) execute list('$BUSY_MEMBER', '%%', null, null, 51);
SQL
