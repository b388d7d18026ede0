// Live chat under load, across two server instances: CLIENTS people, in
// pairs that share a conversation, each pair split so that one person is
// served by the first instance and the other by the second. Every person
// holds the site's live stream open (`/api/live`) as a browser tab does;
// messages are sent at RATE a second in total for SECONDS, each by one of
// a pair to the other, through the ordinary send function. The receiver
// hears of it on its stream, asks for what changed (as the page does) and
// finds the message: the time from the start of the send to that moment is
// its delivery latency. Prints p50 / p99, messages lost (sent but never
// received) and received twice.
//
//   node scripts/bench/chat-load.mjs PAIRS_FILE
//
// PAIRS_FILE holds one line per pair: "chat_id email_a email_b" (made by
// scripts/bench.sh). SITES (two origins, comma-separated), RATE, SECONDS
// and PASSWORD come from the environment; with SERVER_PIDS (the two
// servers' process ids) it prints their memory after each phase.

import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const [sideA, sideB] = (process.env.SITES ?? 'http://127.0.0.1:3000,http://127.0.0.1:3002').split(',');
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 60);
const PASSWORD = process.env.PASSWORD ?? 'hirewell-demo-1';
const pairs = readFileSync(process.argv[2], 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/))
  .map(([chat, a, b]) => ({ chat, a, b }));

/** A server function call as the page makes it; the answer's JSON. */
async function call(person, endpoint, form) {
  const response = await fetch(`${person.site}/api/${endpoint}`, {
    method: 'POST',
    headers: {
      Origin: person.site,
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(person.cookie ? { Cookie: person.cookie } : {}),
    },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${text.slice(0, 200)}`);
  return { response, json: text ? JSON.parse(text) : null };
}

async function logIn(person) {
  const { response } = await call(person, 'login', { email: person.email, password: PASSWORD });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('hirewell_session='));
  if (!cookie) throw new Error(`no session for ${person.email}`);
  person.cookie = cookie;
}

/** Runs `work` over `items`, `width` at a time. */
async function inTurn(items, width, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const sentAt = new Map(); // message body → when its send started
const received = new Map(); // message body → times received
const latencies = [];
// Where a delivery's time goes: until the receiver's stream told of it
// (sent, stored, announced), and the "what changed" call after that.
const heardDelays = [];
const fetchDelays = [];
const sendTimes = [];
let sendFailures = 0;

/** Asks for what changed in the conversation since the revision it has. */
async function catchUp(person) {
  if (person.fetching) {
    person.again = true;
    return;
  }
  person.fetching = true;
  try {
    do {
      person.again = false;
      const asked = performance.now();
      const { json } = await call(person, 'chats/changes', { id: person.chat, since: String(person.revision) });
      person.revision = Math.max(person.revision, json.revision);
      const now = performance.now();
      for (const message of json.messages) {
        if (message.sender === person.me || !sentAt.has(message.body)) continue;
        const times = (received.get(message.body) ?? 0) + 1;
        received.set(message.body, times);
        if (times === 1) {
          latencies.push(now - sentAt.get(message.body));
          heardDelays.push(asked - sentAt.get(message.body));
          fetchDelays.push(now - asked);
        }
      }
    } while (person.again);
  } finally {
    person.fetching = false;
  }
}

/** Holds the person's live stream open, catching up on each chat event. */
async function listen(person, stop) {
  const response = await fetch(`${person.site}/api/live`, {
    headers: { Accept: 'text/event-stream', Cookie: person.cookie },
    signal: stop,
  });
  if (!response.ok) throw new Error(`live stream: ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!/^event: chat$/m.test(block)) continue;
        // A stream opens with a chat event (anything may have changed while
        // away): the person is ready once that first catch-up is done.
        const caughtUp = catchUp(person);
        if (!person.heard) {
          person.heard = true;
          caughtUp.then(person.ready, person.failed);
        } else caughtUp.catch((e) => console.error(e.message));
      }
    }
  } catch (e) {
    if (!stop.aborted) throw e;
  }
}

const rss = () => process.memoryUsage().rss;
/** The servers' resident memory, when their process ids are known. */
function serverMemory(phase) {
  const pids = (process.env.SERVER_PIDS ?? '').split(',').filter(Boolean);
  if (pids.length === 0) return;
  const sizes = pids.map((pid) => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return `${Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)} MB`;
  });
  console.log(`servers' RSS ${phase}: ${sizes.join(', ')}`);
}
const people = pairs.flatMap(({ chat, a, b }) => [
  { email: a, chat, site: sideA },
  { email: b, chat, site: sideB },
]);
pairs.forEach((pair, i) => {
  pair.people = [people[2 * i], people[2 * i + 1]];
});

let started = performance.now();
await inTurn(people, 8, logIn);
console.log(`logged in ${people.length} people in ${((performance.now() - started) / 1000).toFixed(1)} s`);
serverMemory('after the logins');
await inTurn(people, 8, async (person) => {
  const { json } = await call(person, 'chats/thread', { id: person.chat });
  person.me = json.me;
  person.revision = json.revision;
});

const stop = new AbortController();
const streams = people.map(
  (person) =>
    new Promise((resolve, reject) => {
      person.ready = resolve;
      person.failed = reject;
      listen(person, stop.signal).catch(reject);
    }),
);
started = performance.now();
await Promise.all(streams);
console.log(
  `${people.length} live streams open, ${people.length / 2} on each instance,` +
    ` all caught up in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
serverMemory('with the streams open');

// Sends at an even pace; each message from one side of a random pair.
const total = RATE * SECONDS;
const gap = 1000 / RATE;
const sends = [];
started = performance.now();
for (let n = 0; n < total; n++) {
  const wait = started + n * gap - performance.now();
  if (wait > 0) await sleep(wait);
  const pair = pairs[Math.floor(Math.random() * pairs.length)];
  const from = pair.people[n % 2];
  const body = `load ${n} ${randomUUID()}`;
  const sendStart = performance.now();
  sentAt.set(body, sendStart);
  sends.push(
    call(from, 'chats/send', { chat: pair.chat, body, key: randomUUID() })
      .then(() => sendTimes.push(performance.now() - sendStart))
      .catch((e) => {
      sendFailures++;
      sentAt.delete(body);
      console.error(e.message);
    }),
  );
}
await Promise.all(sends);
const sendingTook = (performance.now() - started) / 1000;
// Stragglers: up to ten seconds more for the last deliveries.
for (let waited = 0; waited < 100 && received.size < sentAt.size; waited++) await sleep(100);
stop.abort();

serverMemory('after sending');
const quantile = (list, q) => {
  const sorted = [...list].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
latencies.sort((x, y) => x - y);
const at = (q) => quantile(latencies, q);
const lost = [...sentAt.keys()].filter((body) => !received.has(body)).length;
const twice = [...received.values()].filter((times) => times > 1).length;
console.log(
  `RESULT sent=${sentAt.size} in ${sendingTook.toFixed(1)} s (${(sentAt.size / sendingTook).toFixed(1)}/s)` +
    ` send_failures=${sendFailures} delivered=${received.size} lost=${lost} duplicated=${twice}` +
    ` p50=${at(0.5).toFixed(1)}ms p95=${at(0.95).toFixed(1)}ms p99=${at(0.99).toFixed(1)}ms` +
    ` max=${at(1).toFixed(1)}ms over_150ms=${latencies.filter((l) => l > 150).length}` +
    ` load_client_rss=${(rss() / 1048576).toFixed(0)}MB`,
);
console.log(
  `parts p50/p99: send call ${quantile(sendTimes, 0.5).toFixed(1)}/${quantile(sendTimes, 0.99).toFixed(1)} ms,` +
    ` until the stream told ${quantile(heardDelays, 0.5).toFixed(1)}/${quantile(heardDelays, 0.99).toFixed(1)} ms,` +
    ` the changes call ${quantile(fetchDelays, 0.5).toFixed(1)}/${quantile(fetchDelays, 0.99).toFixed(1)} ms`,
);
process.exit(lost === 0 && twice === 0 && sendFailures === 0 ? 0 : 1);
