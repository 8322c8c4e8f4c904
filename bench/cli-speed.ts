// `npm run bench` (the CLI's explain rows of issue #14): the built CLI against the floor of reading
// its input, each as a fresh process (the way it is used), the two runs interleaved, medians.
//
// - `explain --json` on a generated 10,000-entry DevTools HAR vs. `node` reading the file,
//   `JSON.parse` of it and one pass over its headers (the anchor);
// - beside it, the floor of any `explain --json` (goal "—", a breakdown): the anchor's work plus
//   JSON.stringify and writing an output as big as the command's (22 MB for 6,847 exchanges), as
//   a multiple of the anchor. The goal of 1.5x may sit at that floor: this row shows how near;
// - `explain` on a big generated HAR (139 MB by default) vs. the same anchor on it, and its peak
//   resident memory as a multiple of the file's size.
//
// Measured with GNU time (`/usr/bin/time`): CPU time (user + system) of each process, which the
// other work on a shared machine disturbs less than wall time (both are printed). Without GNU time,
// wall time only and no memory row.
//
//   tsx bench/cli-speed.ts [BIG_MEGABYTES]   (after npm run build:cli; 0: no big HAR)
//
// Session 22 (2026-12-05, 03:50-05:00Z, explain --json; two other helpers benchmarking on the same
// two cores: load averages 3.4 to 12.5, so every figure below is a loaded one).
// - This row, loaded: 5.38x at the start (anchor 260 ms, explain --json 1,400 ms CPU; floor 1.53x;
//   load 3.4-3.6); 5.03x after the changes below (anchor 290 ms, 1,460 ms; floor 1.56x; load 8.2-8.4).
//   The quiet run's 2.95x (02:07Z) was taken on another machine: this session's (a fresh one)
//   reads the anchor in 290 ms of CPU where that one took 780, explain --json in 1,420 ms where it
//   took 2,300; its quiet run (05:05Z, after the changes below) gave 4.90x, floor 1.52x. The ratio
//   depends on the machine: the JIT-heavy work gained less than JSON.parse did.
// - How the changes were measured instead: the saved build of f7fb7af against the new one, each a
//   fresh process calling main() (explain --json of the 10,000-entry HAR to /dev/null, CPU time by
//   process.cpuUsage), interleaved, median of the per-round ratios: 0.976 after the assumptions
//   memo (15 rounds), 0.973 then 0.929 after the header-name memo (15, 7 rounds), 0.922 and 0.911
//   with everything below (15, 11 rounds; 1,618 -> 1,487 ms and 1,624 -> 1,561 ms medians). Load
//   4.5-12; single rounds spread ±10%. About 9% less CPU: on the quiet 2.95x that would be ~2.7x
//   (an estimate, not a measurement).
//   Every change: explain and explain --json (both browsers, --fail-on-blocked) of the generated
//   10,000-, 2,000-, 300- and 150-entry HARs and of the recorded fixtures, byte-identical to f7fb7af's.
//   One later change is meant to change output: isSameOriginRequest (src/cli/report.ts) no longer
//   skips as same-origin a URL that merely starts with a page origin that is no origin ('http:/',
//   a port over 65535) or an opaque one ('null'); none of those HARs has such an origin.
// - Where the time goes (profile at load 3; profiles at load 8+ were useless: time the process sat
//   descheduled landed on whatever ran, 131 ms once in Module._initPaths): GC 12.5%, the HAR walk
//   and mapping ~24% (its JSON.parse 7-9%), explain()'s wording ~18% (the stack reading 3-5%, its
//   memo keys of ~1 KB hashed per exchange ~25 ms), the Firefox verdict 7% (a second diagnosis), the
//   grouping 6.6%, diagnose 7%. Taking the lines' serialization out (jsonHead/jsonTail's objects,
//   JSON.stringify, inertJson; the Firefox verdict still computed) left 0.79x of the time (5 rounds).
//   Much of the CLI's own cost is code running cold: in one process, explain() of the 6,847
//   diagnoses took 326 ms on the first pass and 73 ms on the fourth, diagnose() 77 then 49 ms.
// - Changed: probeCommand parses no URL without '@' (no userinfo to take out); inertJson's scan
//   skipped when Buffer.byteLength says ASCII below DEL (22 MB: 3 against 13 ms warm);
//   isSameOriginRequest through urlOrigin's fast path (two URL objects a cross-origin hop before);
//   assumptionNotes worded once per distinct set (9 in the log; 48-54 ms cold before); the stack
//   reading's key spells each distinct header name once (key building 36-48 -> 22-26 ms cold);
//   reportExchange a class (object literals with five getters: 13-19 ms cold, class 6-7 ms).
// - Tried and dropped: the line written in pieces with each check hand-serialized (its first four
//   members cached as text) and Firefox's verdict cached as JSON: slower, 1.03-1.23x warm and slower
//   cold (JSON.stringify of one object beats many small strings joined); the pieces with only the
//   Firefox cache: 1.02-1.08x, no gain. V8 flags (--max-semi-space-size=16/32/64, --maglev,
//   --no-lazy-feedback-allocation, --interrupt-budget=16000): nothing beyond the noise, and the
//   bench runs node without flags.
// - Then (04:36-05:12Z, load 4.2-8.3): Explanation's `firefox`, which --json never prints, no
//   longer worked out on that path (explain()'s option firefox: 'skip'): firefoxReasonWithPage over
//   the 6,847 diagnoses costs 17-23 ms cold in a fresh process; the A/B against the tree before it
//   gave 0.988 (11 rounds, load 5-7), inside the noise (an A/A of one build gave 0.996, rounds
//   0.92-1.04). Kept: it only removes work, and the output is byte-identical.
// - The stack reading's key spells an id per distinct header name (`#12;`) rather than the name:
//   key building and hashing over the 8,921 header lists 30-32 against 33-41 ms cold, 11 against
//   16-17 ms warm (micro-benchmark, 4 fresh processes); the A/B against the tree before it gave
//   0.992 (13 rounds, load 3.6-6.6), inside the noise. Reverted: ~0.3% of a run, for a global
//   counter and a weaker key property in memo.test.ts (a value's length prefix dropped went uncaught).
//   Together, the two changes are below what this A/B can resolve (~1-2% of 1,450 ms). The whole
//   session's build against f7fb7af's at 04:54Z: 0.903 (9 rounds, 1,614 -> 1,454 ms medians, load
//   3.6-5.8 with the test suite running), against 0.911-0.922 before these two.
// - Next: the first fix worded once per (stack, policy) where the URL does not enter it; the Firefox
//   verdict's second diagnosis (7%); the HAR walk and mapping (~24%).
//
// Session 23 (2026-12-05, 06:34-07:50Z, explain on the big HAR; two other helpers benchmarking on the
// same two cores: load averages 2 to 11, so every figure below is a loaded one).
// - This row at the end (06:57Z, load 6.5-8.8): explain 1.62x (anchor 1,180, explain 1,910 ms CPU),
//   peak 306 MB, 2.12x the file (the parse alone 330 MB); explain --json 4.64x (280 / 1,300 ms), floor
//   1.51x. The start was the quiet 1.92x, 2.72x (the README's); the build before, interleaved with
//   the new one, 2,310 against 1,900 ms (below).
// - Where the time went (a fresh process's profile at load 2; then --trace-gc and phase timers in
//   one process at load 7-9): of ~1,900 ms on the main thread, GC 406 ms (54 scavenges and 3 full
//   collections copying what the reading kept: 137 MB of heap after the walk, ~2.5 KB an entry, over
//   half of it header lines, each a two-element array with its own value string), the entries'
//   JSON.parse with their slices ~460, readEntry ~150, pairing, cache hits and chaining ~400 (the
//   pairing's exact key: corsUnsafeRequestHeaderNames of each request to a preflighted URL, 50-80 ms
//   cold), diagnose ~145, the grouping ~155 (addToNeed's neededPolicy 125), the text ~25.
// - Changed: header lines interned per reader (capture/header-lines.ts: the 151 MB HAR's 816,413
//   lines are 7,603 distinct; bounded at 32 Ki lines and 4 Mi characters): heap after the walk
//   137 -> 32 MB, the walk 940-960 -> 705-815 ms and the mapping 470-510 -> 360-500 ms (phase timers,
//   load 7-8), GC pauses 57 scavenges of ~3.4 ms. A/B of the builds (fresh processes calling main(),
//   interleaved, GNU time): 0.818 (9 rounds 0.79-0.86; 2,310 -> 1,900 ms; peak 391 -> 306 MB; load
//   5.4-7.4). explain --json of the 10,000-entry HAR: 0.928 (9 rounds 0.87-1.14, load ~10), then
//   0.909 (11 rounds 0.83-1.08, 1,560 -> 1,400 ms, load 5.4-7.4); peak 160 -> 141 MB. addToNeed reads requestNeeds (the part of neededPolicy the request decides: no target
//   URL parsed, no exposed headers tested per exchange): the grouping 264-273 -> 208-233 ms (phase
//   timers, load 8), the A/B 0.987 (9 rounds, load 7), inside the noise; kept, it only removes work.
//   Each: explain and explain --json (chromium, firefox, --fail-on-blocked) of the generated 10,000-,
//   2,000-, 300-, 150-entry HARs, a 33.6 MB one of big-har.ts, the three recorded HAR fixtures, and the
//   151 MB HAR's text and --json, byte-identical to b208dce's.
// - Tried and dropped: the interner comparing a line first with the one it gave last at the same
//   place of a list (entries list headers in the same order), to hash less: walk 737-748 against
//   698-747 ms, nothing (the Map lookups are ~100 ms of the walk in a profile, reaching fresh strings
//   rather than hashing them). The pairing's groups and the preflight cache by URL then method or
//   origin, in nested maps, instead of keys joining them with '\n' (built and hashed per request):
//   one cold pass 245-278 against 309-334 ms for the pairing in-process, but the A/B of the builds
//   1.014 (11 rounds 0.93-1.20, load 7-9): reverted.
// - Now (phase timers, load 8-9): the walk 710-815 ms, of which each entry's slice and JSON.parse
//   alone (entries dropped) 450-490; the mapping 360-550; diagnose ~500 with the diagnoses kept
//   (in the command they are not); the grouping ~170-220; GC pauses ~190 ms against the anchor's
//   ~200-275. The profile of a fresh process at load 7+ is useless here (9.6 s of samples for a 3 s
//   run; Map lookups looked 5-10x their in-process cost).
// - Next: the mapping (corsUnsafeRequestHeaderNames for the pairing's exact key, again for the cache
//   hits, again in diagnose: one per request, handed on); diagnose per exchange where only the
//   grouping reads it (verdict, cause, requestNeeds); the pairing's cold first pass (its preflight
//   checks, preflightOutcome, run cold before diagnose warms them).
//
// Session 23, second round (2026-12-05, 07:13-07:55Z, explain on the big HAR; one other helper
// benchmarking browsers on the same two cores until ~07:50Z: load averages 2.5 to 9.5, so every
// figure below is a loaded one unless said otherwise).
// - This row at the end (07:47Z, load 5.4-6.9): explain 1.46x (anchor 1,200, explain 1,750 ms CPU;
//   medians of 3), peak 295 MB, 2.05x the file (the parse alone 330 MB); explain --json 4.46x (280 /
//   1,250 ms), floor 1.49x. After the pairing's change alone (07:32Z, load 7.4-7.7): 1.44x (1,290 /
//   1,860 ms), --json 4.64x. Run again at 07:52Z (load 5-6.4, the machine busy again): 1.54x
//   (1,210 / 1,860 ms; its wall times twice the CPU), --json 4.55x, floor 1.45x, peak 2.06x. The
//   row's medians of 3 swing 1.44-1.54x under load; the goal of 1.5x is met only by the interleaved
//   medians below, narrowly. The anchor moves with the load (1,180-1,390 ms in these runs), so the
//   row alone says little: interleaved with the anchor and 7ff2875's build
//   (rounds of anchor, old, new), medians of the per-round ratios to the anchor 1.63x before, 1.49x
//   after the pairing's change (9 rounds, 07:35Z, load 6-8.9; the new build 0.953 the old); with
//   both changes below, 1.60x before, 1.50x after (18 rounds 1.37-1.78x, 07:41-07:44Z, load 3.4-8.2;
//   CPU medians anchor 1,255, old 1,985, new 1,905 ms; the new build 0.957 the old, rounds
//   0.81-1.07). explain --json of the 10,000-entry HAR, both changes: 0.978 the old (11 rounds
//   0.94-1.04, 1,300 -> 1,280 ms, load 8).
//   Once the other helper had stopped (07:50Z, load 1.6-2.3, the quietest of the session): 1.49x
//   before, 1.42x after (11 rounds 1.34-1.48x; CPU medians anchor 1,210, old 1,790, new 1,700 ms;
//   the new build 0.951 the old, every round below 1: 0.83-0.98); explain --json 0.992 the old
//   (11 rounds 0.90-1.07, 1,220 -> 1,200 ms). So the quiet README figure of 1.92x (05:03Z) was
//   already ~1.49x after the first round's interning, and is ~1.42x now.
// - Where the mapping's time went (phase timers in one process, load 5-9): the pairing's first,
//   cold pass 326-460 ms, of which building its groups 144-276 (for each of the 24,495 requests to
//   a preflighted URL: its CORS-unsafe names 25-70 ms, the two keys joining URL, method and names,
//   made and hashed, 51-78) and the 10,614 preflights 94-158 (none with competing candidates: no
//   preflightOutcome); chaining 12-41, the cache hits 39-103 (preflightPassed of each preflight;
//   5,720 requests reach the unsafe-names test); the same-origin filter 55-64 cold, 17 warm;
//   grouping ~210, of which detectStack for origins with no stack found yet (12,729 calls) ~35.
// - Changed: the pairing keeps one group per URL and method; the exact pass walks it taking only
//   members whose unsafe names are the requested ones, each request's names worked out when a
//   preflight first weighs it (those that started after every preflight to their URL never are).
//   Same pairs: what the wider walk may retire (ended over a second before this preflight) no later
//   preflight could take. The pairing's cold pass 326-460 -> 248-269 ms in-process; A/B of the builds
//   (fresh processes, interleaved, GNU time): explain of the 151 MB HAR 0.969 (11 rounds 0.88-1.07,
//   1,910 -> 1,820 ms, peak 313 -> 303 MB, load 2.5-4.3); explain --json of the 10,000-entry HAR
//   0.978 (11 rounds 0.87-1.08, 1,440 -> 1,370 ms, load 4.5-5.6). explain and explain --json
//   (chromium, firefox, --fail-on-blocked; exit status and stderr too) of the generated 10,000-,
//   2,000-, 300-, 150-entry HARs, a 50 MB one of big-har.ts, the three recorded HAR fixtures, and the
//   151 MB HAR's text and --json: byte-identical to 7ff2875's.
//   Reverted after review (the lead, 08:10Z): the exact pass then walks every open member of the
//   URL-and-method group, those with other names too, and a request whose duration the log lacks is
//   open at every time and never retired: a log of many such requests to one URL, split between two
//   header sets, makes each preflight walk the other set's (quadratic within the 10 s window, where
//   the per-names groups kept the exact pass to its own set). ~3% of the big HAR's run; splitting
//   each group by names lazily (a cursor moving the members a preflight reaches into per-names
//   subgroups) would keep both, and is left for later.
//   Then the cache hits: a preflight run through the engine's check only when a later request looks
//   its entry up (the preflights since the last look-up checked newest first; those never looked up,
//   and older ones a passing newer one replaced, never are). The cache-hit pass cold 77-103 against
//   120-134 ms in-process; A/B against the build before it 0.983 (11 rounds 0.92-1.05, load 3.6-5.3),
//   inside the noise; kept, it only removes work. Byte-identical on the same HARs.
// - Tried and dropped: the entries parsed several at a time (one JSON.parse of '[' + the bytes of K
//   entries + ']', exact by the same argument as the indentation guess): the 151 MB HAR's 45,000
//   entries in 398-431 ms one at a time, 378-503 by 8, 394-427 by 32, 623-700 by 128 (3 fresh
//   processes each, load 8-10): nothing below 32, worse above (more survives each scavenge).
//   The pairing's groups keyed by URL alone (its hash computed once), a URL's methods in a list:
//   cold pass 244-263 against 232-285 ms, warm 66-88 against 106-118 (3 processes each): only the
//   cold pass counts in a run, and it did not move; reverted (the nested maps dropped above, again).
//   firstHeader by index rather than for-of with destructuring: 180,000 lookups 18-29 against
//   26-33 ms, ~5 ms a run; not made. Date.parse of 45,000 start times: 12-18 ms; left.
// - Next: the text path's diagnose (~400 ms cold for 30,753 exchanges, ~120-250 warm), where the
//   grouping reads the verdict, the cause and requestNeeds only; detectStack for origins with no
//   stack yet (each of their exchanges read again); the mapping's remaining cold passes. The walk
//   (~700 ms, of which the entries' JSON.parse ~400-460) is near its floor.
//
// Session 24, explain --json (2026-12-05, 09:22-10:15Z; two other helpers benchmarking on the same
// two cores from ~09:26Z: load averages 0.5 at the start, then 5 to 12.5, so every figure below but
// the first is a loaded one).
// - At the start (09:23Z, load 0.5, single runs): 107e7c8's explain --json 1,230-1,320 ms CPU, the
//   anchor 270-290 ms: ~4.4x. Profile of that run (fresh process, 200 us samples, 1,510 ms with the
//   profiler): the input's walk and mapping 354 ms (the other helper's), the lines 909, of which
//   explain() 272 (the stack reading 81, serverMustSend and its policy 38, trapsOf 38, the first fix
//   33), the Chromium diagnosis 147, Firefox's verdict 98 (its second diagnosis 59, diagnoseVerdict
//   27), the grouping 83, the line's serialization (jsonLine's own time, JSON.stringify) 176, probe
//   commands 34 (redactUrl 25), the spread of each advisory 19; GC 88.
//   What each part weighs in the command, by taking it out of a copy of the build (A/B of fresh
//   processes, 5 rounds each, load 3-6): every explain() answered by the first one 0.855; Firefox's
//   verdict a constant 0.915; the line's whole tail and serialization skipped (Firefox's verdict and
//   the probe commands with it) 0.811. The output's own JSON.stringify, of the parsed output in one
//   process: 122 ms the first pass, 74 warm.
// - Changed (each: explain --json, chromium and firefox, with and without --fail-on-blocked, of the
//   generated 10,000-, 2,000-, 300-, 150-entry HARs, a 50 MB one of big-har.ts and the three
//   recorded HAR fixtures: stdout, stderr and exit status byte-identical to 107e7c8's build):
//   - Firefox's verdict read from the Chromium diagnosis where the two rules cannot part on the
//     exchange (firefox/difference.ts rulesAgreeOn: one hop, no 3xx, not NS_ERROR_DOM_BAD_URI, LNA
//     passed by a response or an answered preflight, no preflight from the cache, no client hint):
//     5,272 of the 6,847 exchanges; the rest from diagnoseVerdict unless a preflight's response holds
//     a '*' (Firefox's one warning needs one), the full second diagnosis only when blocked or failed.
//     firefox-verdict-of.test.ts holds the two diagnoses equal field for field wherever the rules
//     agree (fixtures, generated HAR, 6,000 arbitrary exchanges); each condition dropped in turn
//     fails it but one: not NS_ERROR_DOM_BAD_URI, kept because the two rules read that text apart
//     (asCapturedBy), though no case found makes the diagnoses differ (that text is a network
//     error to both). A/B against 107e7c8 (fresh processes interleaved, GNU time CPU, median of the
//     per-round ratios): 0.992 with the '*' shortcut alone (9 rounds, load 1.7-2.2), 0.975 with both
//     (11 rounds 0.89-1.08, load 12).
//   - (Reverted by the lead: redactUrl returning a plain http(s) URL unscanned, for the probe
//     commands' ~25 ms. A shortcut in front of redaction would let a URL past any rule the scan
//     gains later without a test noticing; the A/B figures below include it.)
//   - The first fix (--json's `fix`) memoized per distinct stacks, error, status, policy less its
//     target URL, and headers the server must send: 130 keys for the 1,647 blocked exchanges; the
//     dev-proxy fixes (which read the target URL) stay out of the memo.
//   - splitUrl (the policy's target) splits a plain http(s) URL where it stands instead of parsing
//     it (a property test holds it to the URL parser); trapsOf works out its stacks only when the
//     exchange shows a trap.
//   All of it against 107e7c8: 0.954 (15 rounds 0.91-1.07, 1,360 -> 1,270 ms medians, 09:58Z, load
//   5.3-8.0), then 0.993 (21 rounds 0.80-1.13, 1,300 -> 1,280 ms, 10:08Z, load 7-11.5) and 0.984
//   (21 rounds 0.89-1.06, 1,240 -> 1,230 ms, 10:10Z, load 5.7-7): the 57 rounds pooled, median 0.99,
//   geometric mean 0.978, 34 below 1. About 2%, barely resolved under this load. In one process
//   (tsx, cold, after the Chromium diagnoses, 4 fresh processes each, load 5-8): Firefox's verdicts
//   of the 6,847 exchanges 130-153 ms the long way (a second diagnosis each), 54-94 ms now.
// - This row at 09:59Z (load 7-8): 4.46x (anchor 280 ms, explain --json 1,250 ms CPU), floor 1.51x;
//   session 23's loaded runs gave 4.46-4.64x. The ~2% is inside the row's spread under load.
// - Tried and dropped: the stack reading's key as a number per line as read (a WeakMap from each
//   frozen line to its number, the spelling hashed once per distinct line): the HAR reader's shared
//   lines are not frozen in the command (only the tests freeze them), so every line was spelled and
//   looked up as before, plus a Map lookup: A/B 1.086 (9 rounds 0.88-1.21, load 11); reverted. Keyed
//   by the lines' identity without freezing them would make the memo's correctness rest on no one
//   writing a line in place. Profiles at load 9+ were useless again (one gave diagnoseVerdict 446 ms
//   that the quiet one put at 27).
// - What is left, against the floor of 1.49-1.51x: the input's walk and mapping (~350 ms of the
//   ~1,250, the other helper's), the Chromium diagnosis (~150 ms cold, its checks are 5.4 MB of the
//   output), explain()'s wording (~200 ms cold: the stack reading's key of ~1 KB per exchange, the
//   policy and must-send lists, the explanation text and console message with their URLs), the
//   grouping (~85), Firefox's verdict for the exchanges with redirects or network errors, and the
//   line's serialization (~175 ms against the floor's ~75-120). Most of it is code running cold
//   (session 22: explain() 326 ms the first pass, 73 the fourth). Next: the reader freezing the
//   lines it shares (then the line-number key above applies); the explanation's remaining parts
//   memoized per (reading, diagnosis outline, policy) where no URL enters them; a verdict-only
//   Chromium replay for the exchanges whose checks could be recorded from it.
// Session 24 (2026-12-05, 09:22-10:45Z, explain on the big HAR; two other helpers benchmarking on the
// same two cores: load averages 3.8 to 11.8, so every figure below is a loaded one).
// - This row at the end (10:10Z, load 6.1-8.8): explain 1.43x (anchor 1,230, explain 1,760 ms CPU;
//   medians of 3), peak 306 MB, 2.13x the file; explain --json 4.56x (270 / 1,230 ms), floor 1.54x.
// - A/B of the builds (anchor, 107e7c8's build, this one: fresh processes interleaved, GNU time
//   CPU, medians of the per-round ratios; scratch script, not in the repo): explain of the 151 MB HAR
//   after the first two changes below 0.931 (11 rounds 0.87-1.04, 1,930 -> 1,780 ms, load 8.5-10),
//   then 0.974 (11 rounds 0.89-1.09, load 7-8.5) and 0.954 (15 rounds 0.92-1.04, 1,869 -> 1,830 ms,
//   load 3.8-6.6); with all three 0.948 (13 rounds 0.90-1.06, 1,890 -> 1,830 ms, load 6.7-11.8).
//   So ~5% less CPU, not the ~10% aimed at: on this session's rounds the anchor ratio went 1.53-1.55x
//   -> 1.43-1.49x. explain --json of the 10,000-entry HAR (the pairing and diagnose's refactor are
//   shared) after the first two: 0.977 and 1.023 (9 rounds each, 0.86-1.22, load 11); with all three
//   0.977 (11 rounds 0.86-1.10, 1,270 -> 1,260 ms, load 4.8-6.1): inside the noise.
//   Every change: explain and explain --json (chromium, firefox, --fail-on-blocked; stdout, stderr,
//   exit status) of the generated 10,000-, 2,000-, 300-, 150-entry HARs, a 50 MB one of big-har.ts,
//   the three recorded HAR fixtures, and the 151 MB HAR's text and --json: byte-identical to 107e7c8's.
// - Where the time went (a fresh process's profile of 107e7c8's build at load 2, ~1,880 ms): the
//   entries' JSON.parse 446, GC 276, the mapping 339 (pairing 178, cache hits 79), diagnose per
//   exchange 309 (replays 93, readHopHeaders 54, originComparison 38, exposure 20, building the
//   Diagnosis ~45), the grouping 99 (addToNeed 55, detectStack 4), isSameOriginRequest 40.
// - Changed: the text path's grouping reads diagnoseCause() (src/cors/diagnose.ts): verdict,
//   corsError, failedParameter, failedAt, requestOrigins, credentialsMode, networkFailure and the
//   preflight's reasons, by diagnose()'s own replays (one replayObserved shared by both) without the
//   check log, assumptions, alternatives, origin comparison, exposure or the rest of PreflightFacts;
//   each group's first member is still diagnosed in full (CauseGroups.addCause; 56 in the 151 MB
//   HAR). In-process, the 30,753 exchanges' first pass of diagnose + grouping 573-583 -> 478-505 ms
//   (tsx, load 6-8). Then its "include" reading replayed only where it could replace the first (as
//   diagnoseVerdict does; diagnose replays it for every guessed credentials mode, for its
//   alternatives): diagnoseCause's first pass 281-301 -> 212-289 ms. test/unit/diagnose-cause.test.ts
//   holds every field to diagnose()'s.
//   The pairing: one group per URL and method, split by CORS-unsafe names lazily (a cursor, in time
//   order, moves the members a preflight reaches into per-names subgroups, whose slots grow:
//   UnclaimedSlots.append), so names are worked out only for requests some preflight to their URL
//   and method follows, with no URL-long key per request, and the exact pass still walks its own
//   names' members only. The case that made 262f89c quadratic (many requests without a duration to
//   one URL, split between two header sets) is a unit test counting the entries' reads (898,749 with
//   262f89c's pairing, under 60,000 now). pairPreflights' first call on the 45,000 entries 275-326
//   -> 248-280 ms (4 fresh processes each, load 10-11), the same 10,614 pairs.
// - Looked at and left: detectStack for origins with no stack yet (4 ms in the load-2 profile; the
//   35 ms of session 23 were phase timers at load 8); addToNeed's requestNeeds (55 ms; its cost under
//   tsx, 141-143 ms cold, is mostly tsx's __name wrappers around its closures, absent from the built
//   CLI); corsUnsafeRequestHeaderNames shared between the pairing and the cache hits (~10 ms).
// - Next: the grouping's requestNeeds per exchange (a key of what it reads would be as dear as the
//   work; a verdict-first path for allowed exchanges would need the credentials mode and the
//   preflight's reasons without a replay); the cache-hit pass (~75 ms); GC (~225 ms, about the
//   anchor's own). The profile of a fresh process at load 9+ stays useless (a 1.9 s run sampled as
//   2.6-5.3 s).
//
// Session 25, pairing (2026-12-05, 12:06-12:40Z; two other helpers on the same two cores: load
// averages 5.7 to 12.5, so every figure below is a loaded one). Not a speed change for these HARs:
// the pairing's loose pass (a preflight whose exact key fails) was still quadratic within its 10 s
// window on some logs, and is now linear in them.
// - The case (pairing.test.ts counts the entries' reads): requests without a duration are open at
//   every time and never retired, and the loose pass walked every request to the URL and method,
//   stepping over those that lack a requested header. 2,000 / 4,000 / 8,000 such requests to one URL
//   (half with X-A, half X-B, both with DevTools' Cache-Control), a preflight for x-a after each X-A
//   one: 762,499 / 1,775,499 / 3,801,499 reads before, 13,998 / 27,998 / 55,998 after; preflights
//   for an x-c no request carries: 3,010,999 / 7,021,999 / 15,043,999 before, 12,998 / 25,998 /
//   51,998 after. And in either pass, requests that ended unpaired (their preflight cached) less
//   than the late slack (1 s) before a preflight were stepped over by each preflight of that second:
//   4,000 / 8,000 requests lasting 1 ms, 2 ms apart: 494,373 / 1,020,373 reads, 25,998 / 51,998 after.
// - Changed: the URL-and-method group fills one group per requested header set from its own cursor
//   (whether a request carries the set worked out once per set), as it fills the exact pass's groups
//   by names; taking a request marks it once (a byte per entry) and a group drops it when a walk
//   meets it; each group keeps its members not yet found ended (live), which the walk without the
//   late slack walks. The exact pass's split starts at its first preflight's window rather than at 0.
//   Same pairs: pairing-reference.ts keeps the pairing before (681d40e) for property tests on
//   generated logs (requests without durations, late preflights, retirements, preflights named by
//   id, bursts of more than 32 competing requests); nine mutations of the walk each fail them. The
//   same 10,614 pairs on the 151 MB HAR's 45,000 entries, 2,345 on the 10,000-entry one.
// - Every output: explain and explain --json (chromium, firefox, --fail-on-blocked; stdout, stderr,
//   exit status) of the generated 10,000-, 2,000-, 300-, 150-entry HARs, the three recorded HAR
//   fixtures, a 50 MB and the 151 MB HAR of big-har.ts: byte-identical to 681d40e's build.
// - Speed (A/B of 681d40e's build and this one, fresh processes interleaved, GNU time CPU, medians
//   of the per-round ratios): explain of the 10,000-entry HAR 1.000 (11 rounds 0.92-1.15, 950 ms
//   both, load 11-12.5); explain --json of it 0.984 (11 rounds 0.92-1.07, 1,220 -> 1,230 ms medians,
//   load 7.3-9.1); explain of the 151 MB HAR 0.953 (9 rounds 0.93-1.06, 1,720 -> 1,700 ms, peak
//   ~314 MB both, load 5.7-6.4). In-process, pairPreflights' first call on the 151 MB HAR's entries
//   (tsx, 6 fresh processes each, interleaved, load 8.6-11): 218-268 ms before, 210-245 after.
// - Left: a log whose preflights to one URL and method ask for many distinct header sets fills a
//   group per set from its window (each request weighed once per set, not once); the live capture
//   does not use this pairing (web-request.ts pairs webRequest events itself: each preflight filters
//   every hop to its URL in the batch, the same shape within a batch of many requests to one URL).
//
// Session 25 (2026-12-05, 12:06-12:55Z, explain on the 151 MB / 45,000-entry HAR; two other helpers
// benchmarking on the same two cores: load averages 3 at the start, then 6 to 12, so every figure
// below but the first profile is a loaded one). Aim: 1.49x -> 1.40x (~7% less CPU). Not reached.
// - Where the time went, 681d40e's build. A fresh process's profile (12:07Z, load 3; 250 us samples,
//   3,014 ms sampled for a ~2.2 s run): the entries' JSON.parse 861 self, GC 434, the same-origin
//   filter 152 (fastHttpOrigin 103 self, each cross-origin URL's host scanned: urlHasOrigin), the
//   pairing 253, readEntry 207 (the header-line interner 80), the cache hits 140, diagnoseCause 190,
//   the grouping 104 (requestNeeds 67), closingLine 79. The same steps bundled by esbuild in one
//   harness with phase timers (profile at load 3.8, main thread 1,405 ms of 1,862 CPU): the walk 534
//   (JSON.parse 333 self, slicing 40, closingLine 29, readEntry 104 of which the interner 56), GC
//   201, the mapping 193 (pairing 97, cache hits 49), diagnoseCause 168, grouping 107 (requestNeeds
//   71), text 29, same-origin filter 15. Phase timers (CPU, fresh processes, load 3-10): read 72-118,
//   walk 672-1,005, mapping 390-724, same-origin 48-90, diagnoseCause 236-458, grouping 149-238, text
//   26-52. No part of the JS work beyond the parse (~600 ms: readEntry, mapping, diagnoses,
//   grouping, text) weighs over ~100 ms: the 7% would have to come from all of it.
// - Changed (each: explain and explain --json, chromium and firefox, with and without
//   --fail-on-blocked, of the generated 10,000-, 2,000-, 300-, 150-entry HARs, the 151 MB HAR and the
//   three recorded HAR fixtures: stdout, stderr and exit status byte-identical to 681d40e's build):
//   - isSameOriginRequest reads a cross-origin URL's origin from the engine's recent origins
//     (recentHttpOrigin: the same fast path, a log's few origins kept) rather than scanning its host:
//     the filter 58-89 -> 34-51 ms (phase timers, load 4-10);
//   - the input file read in one read (open, stat, read into a buffer of its size; anything but a
//     regular file left to readFile): readFile's 512 KiB pieces cost 89-99 ms CPU over the 151 MB
//     against 64-81 read at once (6 fresh processes each);
//   - the HAR reader spells a field's path (`entries[N].request.headers`) only for a message, not 4
//     times per entry; firstHeader by index rather than for-of with destructuring (session 23 had
//     measured ~5 ms): the walk, both trees in one process in both orders (5 fresh processes each),
//     medians 676 -> 676 ms run first, 627 -> 605 run second: ~1%, inside the noise.
//   A/B of the builds (anchor, 681d40e's, this one; fresh processes interleaved, GNU time CPU, medians
//   of the per-round ratios): 1.005 (13 rounds 0.92-1.11, 12:35Z, load 7.4-8.8), 0.984 (13 rounds
//   0.91-1.12, 12:45Z, load 4.7-7.6), 1.014 (11 rounds 0.88-1.14, 12:48Z, load 2.6-8.2): the 37
//   rounds pooled, median 1.005, geometric mean 1.002, 16 below 1; CPU medians anchor 1,270, old
//   1,870, new 1,830 ms; against the anchor 1.47x before, 1.45x after (rounds 1.26-1.78x). Nothing
//   this A/B resolves: the three changes together are ~1-2% at most. explain --json of the
//   10,000-entry HAR: 0.973 (11 rounds 0.88-1.12, load 9-11, 1,440 -> 1,390 ms), not slower.
//   This row at the end (12:52Z, load 7-8.7, medians of 3): explain 1.52x (anchor 1,250, explain
//   1,900 ms CPU), peak 310 MB, 2.15x the file; explain --json 4.48x (310 / 1,390 ms), floor 1.53x:
//   the row swings more than the change.
// - Tried and dropped: closingLine looking for the line break, the indentation and `}` as one Buffer
//   needle (one indexOf per entry instead of one per `}`): the walk slower, 760-846 against 582-718 ms
//   (alternated 4 times in one process). The entries sliced from one latin1 string of the whole file
//   (a SlicedString each, no copy per entry; +151 MB held during the walk) rather than a string made
//   per entry: the walk 3-20% slower (5 fresh processes each order). addToNeed merging
//   requestNeeds' values as it finds them (no sets, arrays or objects per exchange; explain()'s memo
//   kept for --json; a test held both paths equal, omitted counts included): the grouping's cold first pass ~150 against ~165 ms, its warm
//   passes slower (97-136 against 78-97; repeated names hit includes() again), ~0.7% of a run:
//   reverted. startedDateTime read field by field into Date.UTC (Date.parse for every other form,
//   a property test against Date.parse): Date.parse of 45,000 times costs ~12 ms, but the walk run
//   cold did not get faster (medians 686 against 679 ms): reverted. A whitespace-minified bundle
//   (580 -> 468 KB): explain of the 150-entry HAR 217 against 194 ms (7 runs each), nothing. V8
//   flags, for the record (the bench runs none): --max-semi-space-size=32 and
//   --min-semi-space-size=16 nothing (as session 22 found for --json); --single-threaded-gc 1.77
//   against 1.84 s CPU (4 runs each), GC threads' work traded for wall time. withPageSetHeaders'
//   object spread: never taken on this HAR (0 of 30,753 exchanges copied).
// - Next: the JS work after the parse is spread thin, so structure rather than one function: the
//   reader building the exchanges' objects itself (each CapturedEntry is copied into a new exchange,
//   request and hop, and the 45,000 entries, promoted while the walk ran, die after the mapping: in
//   one traced run a mark-compact during the diagnoses took the heap from 96 to 60 MB); the
//   pairing's cold pass (the other helper's); diagnoseCause's per-exchange objects. Profiles at
//   load 8+ were useless again (the harness at load 11: GC 1,028 ms sampled per run).
//
// Session 26, explain on the big HAR (2026-12-05, 14:44-16:15Z, the 151 MB / 45,000-entry HAR; two
// other helpers on the same two cores: load averages 1.2 at the start, then 3.7 to 11.5, so every
// figure below but the first profile is a loaded one). Aim: ~8-10% less CPU. Reached in-process
// with the GC's work on the main thread; about half of it in the CLI's A/B, which the load kept noisy.
// - Where the time went (59acaba's build, a fresh process's profile at load 3, 250 us samples): the
//   entries' JSON.parse ~500-650 ms, GC 320 (the walk ~130, the mapping ~146, the diagnoses ~30),
//   the mapping's JS 418 (pairPreflights 193, the cache hits 136), diagnoseCause 198, the grouping
//   136, the header-line interner 75-105. --trace-gc-nvp by phase (phase harness, esbuild of the
//   sources, one process): the walk allocates 300 MB and promotes 25; the mapping allocates 121 MB
//   and promotes 34, its scavenges 10-26 ms each: nearly all it allocates lives until the mapping
//   ends. A sampling heap profile (HeapProfiler with the collected objects) put 76 of the mapping's
//   121 MB in pairPreflights: 14,742 URL-and-method groups (8,406 of one request, 4,097 of two),
//   each with Int32Array forests grown from length 1 by doubling and arrays grown by push. A heap
//   snapshot after the walk: 14.2 MB of the 30 MB kept were the header lists' backing stores (an
//   array grown from empty by push keeps room for 17, then 41, lines).
// - Changed (each: explain and explain --json, chromium and firefox, with and without
//   --fail-on-blocked, of the generated 10,000-, 2,000-, 300-, 150-entry HARs, the three recorded
//   HAR fixtures, and the 151 MB HAR's text and --json: stdout, stderr and exit status byte-identical
//   to 59acaba's build):
//   - UnclaimedSlots makes its forests at the first claim (every slot free until then). The
//     mapping's allocation 121 -> 97 MB, promoted 34 -> 26 MB; CLI A/B 0.984 (9 rounds, load 6-7).
//   - The lists the run keeps made at their size: a HAR entry's header lists at the raw list's
//     length (shortened when a pseudo-header is left out: a test holds that), an exchange's hops
//     from a literal with the first hop, a pairing URL-and-method group from one with its first
//     request. Heap after the walk 33.8 -> 28.2 MB. With the change above, the mapping promotes
//     20 MB instead of 34.
//   - parseRequestHeadersList memoized per distinct value (1,024 kept; the names frozen, shared):
//     the pairing and the cache detection read the 10,614 preflights' few lists again and again
//     (a split, a Set, a spread and a sort each). The mapping phase 436 -> 406 ms (in-process, 8
//     fresh processes each, single-threaded GC, load 11).
// - Figures. In-process phase timers (the walk, mapping, same-origin filter, diagnoseCause with the
//   grouping, text; --single-threaded-gc so that the GC's work is on the clock whatever the other
//   threads do; 10 fresh processes each, interleaved, medians, load 10): 1,820 -> 1,662 ms (0.913):
//   mapping 542 -> 436, walk 729 -> 712, same-origin filter 47 -> 33, the rest unchanged.
//   The CLI, A/B against 59acaba's build (anchor, old, new: fresh processes interleaved, GNU time
//   CPU, medians of the per-round ratios): after the first two changes 0.941 (9 rounds 0.93-1.01,
//   1,780 -> 1,720 ms, load 5.6-7); with all three 0.984 (11 rounds 0.81-1.07, load 9.6-11.3) and
//   0.974 (11 rounds 0.91-1.06, 1,830 -> 1,750 ms, load 3.9-7.5), 0.956 (15 rounds 0.78-1.05,
//   1,880 -> 1,770 ms, load 7.2-8.9) and 0.947 (11 rounds 0.87-1.05, 1,880 -> 1,800 ms, load
//   3.8-4.5; against the anchor 1.43x before, 1.37x after): the 48 rounds pooled, median 0.970,
//   geometric mean 0.962, 34 below 1, CPU medians 1,880 -> 1,785 ms; against the anchor (same
//   rounds, medians) 1.49x before, 1.44x after, single rounds still up to 1.63x. Peak RSS 315 ->
//   293 MB. The same phase harness with the usual parallel GC: 1,617 -> 1,546 ms (0.956; 8 each,
//   load 3-4): the GC work saved is partly helper threads' in the CLI. So ~4-5% less CPU for the
//   command, half the aim. explain --json of the 10,000-entry HAR: 0.949 (11 rounds 0.81-1.16,
//   1,279 -> 1,190 ms, load 8-9), not slower.
// - Tried and dropped: the header-line interner checking the value it gave last for the name
//   before its Map (a compare instead of hashing a fresh string): the walk 704 against 712 ms (8
//   fresh processes each, single-threaded GC, load 9), nothing, as session 23 found for the same
//   idea by position. URLs shared per reader (a Map from each URL read to the first string with its
//   text, bounded): 1,565 -> 1,586 ms with parallel GC, 1,674 -> 1,641 single-threaded (8 each,
//   load 3-6), nothing either way. Profiles at load 5+ were useless again (pairPreflights sampled at
//   800 ms, firstAtOrAfter's binary search at 164).
// - Next: what the mapping still promotes (the pairing's per-names groups grown by push, its
//   URL-and-method keys, the exchanges' request objects given three properties after their
//   literal); requestNeeds' split of each preflight's Access-Control-Request-Headers (~25 ms); the
//   walk's GC (~100 ms of pauses for ~21 MB promoted: the CapturedEntry objects, a property array
//   each for bodySize).
//
// Session 26, explain --json (2026-12-05, 14:44-16:15Z; two other helpers on the same two cores:
// load averages 1.2 at the start, then 5 to 9.4, so every figure below but the first profile is a
// loaded one).
// - Where the CPU went: not only the main thread. Per-thread CPU of a run of 59acaba's build
//   (/proc/self/task/*/stat at exit, 4 runs, load 2-6): main thread 690-730 ms, four V8 worker
//   threads 120-200 ms each, 520-680 ms together; the anchor's run has none. They are TurboFan's
//   concurrent compilations: with --no-concurrent-recompilation the same work lands on the main
//   thread (1,100-1,140 ms, workers ~10 ms), and the whole run without TurboFan (--no-opt, or
//   --max-opt=1) took less CPU than with it (GNU time, 5 rounds interleaved: 1,150 / 1,100 against
//   1,390 ms). The command calls hundreds of functions a few thousand times each, and their
//   optimization cost more than it saved: the "code running cold" of session 22 is partly this.
//   The in-process cost per exchange shows it too (CPU per 500 lines: ~110 ms for the first 1,500,
//   25-40 ms from the 4,000th).
// - Tried and dropped: the launcher (bin/cors-inspector.mjs) raising V8's --interrupt-budget (the
//   bytecode a function runs before TurboFan compiles it) from 67,584 to 400,000 with
//   v8.setFlagsFromString, on V8 11.3 only (the flag's name and meaning change between versions,
//   and V8 prints an unknown flag as an error on stdout). Sweep (GNU time CPU, medians of 5
//   interleaved rounds, load 6-8): explain --json of the 10,000-entry HAR 1,390 (default), 1,130
//   (400k), 1,100 (600k), 1,110 ms (1M); explain of the 151 MB HAR (4 rounds) 1,960, 1,830, 1,940,
//   2,035 ms; --max-opt=1 there 2,490 ms. A/B against 59acaba's build (GNU time CPU): explain --json
//   0.843 (11 rounds 0.81-0.87, load 7.8-9.4), 0.835 (11 rounds, load 5.4-6.5), 0.863 (11 rounds,
//   load 3.3-4.5); explain of the 151 MB HAR 0.983 and 0.979 (7 rounds each); outputs byte-identical.
//   Dropped by the lead (15:20Z, load 8-9): the saving is the compiler threads' CPU, and it is paid
//   for on the main thread, which is what a person waits for when a core is free: per-thread CPU of
//   7 interleaved runs each, main thread 640-820 ms (median 660) before, 780-890 (median 830) with
//   the budget; all threads 1,130-1,410 before, 970-1,090 with it. The row's CPU would have fallen
//   ~15% while the command got ~25% slower on an idle machine; this bench counts CPU because the
//   machine is shared, not to reward moving work onto the thread the user waits for.
// - Tried and dropped: the stack reading's memo keyed by a list of parts looked up in a tree of
//   maps (the reader's shared line strings keep their hashes) instead of one ~1 KB string built
//   and hashed per exchange: readStack over the 6,847 exchanges warm 13.5 -> 8 ms, but the cold
//   first pass, the only one a run makes, 58 -> 65 ms (medians of 8 fresh processes each,
//   load 5): the pass is the distinct readings' own first computation, not the keys. With the
//   launcher's budget (node --interrupt-budget=400000, 8 processes each, load 8-9): cold 37
//   against 51 ms, ~1% of a run for ~40 lines and a second memo: not resolvable by the A/B, not kept.
//   Firefox's verdict for cached preflights to a host that is no IP literal (the one place
//   preflightCacheSkipsIpLiterals was read; removed in session 41) taken by rulesAgreeOn's shortcut: 467 exchanges of the
//   log, ~10 ms of replays; not made.
// - With the budget (not kept): the row 3.68x (anchor 280, explain --json 1,030 ms CPU,
//   floor 1.52x; bench step alone, 15:05Z, load 8-9.3); A/B against 59acaba's build again 0.835
//   (11 rounds 0.78-0.94, 1,230 -> 1,020 ms, 4.32x -> 3.61x the anchor, load 5.4-6.5); explain (text)
//   of the 10,000-entry HAR 0.806 (7 rounds 0.78-0.86). Once more at 15:16Z (load 3.3-4.5, another
//   helper's tests starting): explain --json 0.863 (11 rounds 0.70-0.99, 1,390 -> 1,180 ms, 4.52x ->
//   3.89x); explain of the 151 MB HAR 0.979 (7 rounds 0.89-1.02, 1,830 -> 1,780 ms; peak 315-319
//   against 314-319 MB). What each part still weighs, taken out of a
//   copy of this build (7 rounds each against it, load 8.5-9.7): Firefox's verdict and the browser
//   difference a constant 0.938 (0.86-1.07); the advisories' probe commands 0.991 (0.89-1.12).
// - Next: with the budget, the lines' cost sat in code run a few thousand times unoptimized (CPU per
//   500 lines 80 for the first 500, then 33-56 ms throughout, against ~110 cold and 21-40 warm
//   before; the lines 600-625 against 760-800 ms in all, 2 fresh processes each). Without it, less
//   code per exchange means less to compile as well as less to run. Firefox's verdict for the 808
//   exchanges with redirects (a replay each), the grouping's requestNeeds, explain()'s per-exchange
//   parts for the 72% that are allowed.
//
// Session 26, explain --json, second round (2026-12-05, 15:30-16:40Z, base d877029; two other
// helpers on the same two cores, load averages 5 to 16 throughout). Figures: GNU time CPU of fresh
// processes interleaved with the anchor (ab.sh), and the main thread's CPU alone (/proc/self/task
// at exit), which a change must not make slower.
// - Changed (each: explain and explain --json, chromium and firefox, with and without
//   --fail-on-blocked, of the generated 10,000-, 2,000-, 300-, 150-entry HARs and the three recorded
//   HAR fixtures, and explain and explain --json of the 151 MB HAR: stdout, stderr and exit status
//   byte-identical to d877029's build):
//   - Firefox's verdict from the Chromium diagnosis for every exchange of the log (rulesAgreeOn:
//     5,272 of the 6,847 before; the 808 redirected, the 300 that got no response and the 467 whose
//     preflight came from the cache were replayed again under Firefox's rules, a verdict-only replay
//     each and a full diagnosis for the 538 not allowed). Its argument now covers redirects
//     followed (fewer than maxRedirects, every request answered, redirect mode not "error", plain
//     http(s) URLs with no `@`, no preflight after the first hop), a request without a response
//     that shows no trace of an LNA refusal, and a cached preflight to a named host. Each condition
//     is guarded by an exchange on which the two diagnoses differ, and a generator of redirected and
//     unanswered exchanges (8,000 runs, test/unit/firefox-verdict-of.test.ts) holds the shortcut to
//     the full Firefox diagnosis; removing any one condition fails the tests. Main thread 750 -> 710
//     ms, all threads 1,340 -> 1,230 ms (medians of 11 interleaved runs each, load 14).
//   - requestNeeds splits each distinct Access-Control-Request-Headers value once (a memo of 1,024):
//     requestNeeds over the 6,847 exchanges in a fresh process (tsx, 5 each interleaved) cold
//     68-88 -> 68-72 ms, warm 26-40 -> 14 ms; in the CLI below what the A/B resolves (main thread
//     0.955 and 1.015 in two runs of 9-11 rounds). Reverted by the lead for that (a second memo
//     for nothing the command shows); the figures below include it.
//   - Under --browser firefox, the browser difference reads the Chromium diagnosis from the
//     report's own where the rules agree, and Firefox's verdict from the report's (it made a full
//     Chromium diagnosis and a second Firefox replay per exchange): explain --json --browser
//     firefox main thread 690 -> 650 ms, all threads 1,190 -> 1,140 ms (7 rounds, load 8.5).
// - All three against d877029's build: explain --json of the 10,000-entry HAR 0.983 (11 rounds
//   0.91-1.04, 1,250 -> 1,190 ms CPU; against the anchor 4.31x -> 4.13x, load 7.7-9.2) and 0.938
//   (11 rounds 0.88-1.04, 1,250 -> 1,190 ms; 4.41x -> 4.18x, load 4-6): the 22 rounds pooled,
//   median 0.948, geometric mean 0.963, 14 below 1; against the anchor 4.39x -> 4.17x. Main
//   thread 690 -> 665 ms (0.971, lower in 16 of 22 rounds), all threads 1,195 -> 1,150 ms (0.966;
//   two runs of 11 rounds, load 4-8). So ~4% less CPU, none of it moved onto the main thread.
// - Not made: explain()'s wording of the allowed exchanges worded once per key (the headline is a
//   constant already, the explanation one template with the page's origin, the advisory's text the
//   same with its probe's URL, method and headers): each part is a few microseconds, and a key
//   spelling what each reads would cost about as much. Profiles at load 5-14 were useless again
//   (jsonLine's own time, its JSON.stringify, 86 ms at load 2.5 and 180 ms at load 8).
// - Next: jsonLine's serialization of the checks (compactChecks, then JSON.stringify: ~15 objects
//   per allowed exchange, the same names, phases and specs); snippetTokens' token pattern per name
//   (isToken, asked again for the same few methods and header names).
//
// Session 27, explain --json (2026-12-05, 17:47-18:20Z, base ad27ce1; two other helpers on the same
// two cores, load averages 1.3 at the start, then 2.5 to 7.6). Figures: GNU time CPU of fresh
// processes interleaved with the anchor (ab.sh), and per-thread CPU at exit (the main thread, which a
// change must not make slower, and all threads); in-process parts by the main thread's schedstat.
// - Where the main thread's time went (a fresh process's profile, 200 us samples, of the first
//   build below, 826 ms sampled on a quiet slot at load 4; the lead's of ad27ce1's, ~850 ms, agrees
//   but for the checks): the lines ~440 ms, of which explain() 145 (the stack reading 39, the first
//   fix 21, the explanation text 15), the diagnosis 94, the grouping 44, the lines' JSON.stringify
//   (jsonLine's own time) ~87; the input 167; GC 81. The anonymous function at ad27ce1's bundle's
//   line 3161 is explain/memo.ts's memo (its Map lookups: the stack reading's key of ~250 characters,
//   the first fix's, the notes'). The 10,000-entry HAR's 6,847 exchanges hold 46,313 checks, 394
//   distinct texts (all repeat but redirect-location's: 757 checks, 347 texts). In-process, cold:
//   the checks copied and JSON.stringify'd 29-35 ms; the heads 18-22 ms (12-16 warm, toISOString
//   ~4 of it); the wording objects' JSON.stringify, 8.9 MB, 25-35 ms.
// - Changed (stdout, stderr and exit status byte-identical to ad27ce1's build: explain and explain
//   --json, chromium and firefox, with and without --fail-on-blocked, of the generated 10,000-,
//   2,000-, 300-, 150-entry HARs and the three recorded HAR fixtures, and both of the 151 MB HAR):
//   - Each distinct check serialized once per document (src/cli/check-texts.ts, CheckTexts: a
//     name's last 16 texts kept, each with every field it was made from, compared by value), the
//     line's tail written in two JSON.stringify parts around the checks' text. The 6,847 lines'
//     checks cold 11-20 ms against 29-35 (4 fresh processes each).
//   - The output made inert per 64 KiB piece as it is encoded (inertJsonPieces): the UTF-8 encoding
//     that writing makes anyway tells what inertJsonText's Buffer.byteLength scans told (two a line,
//     13,694 over the 22 MB); the groups, the server configurations and checkSpecs are
//     made inert with the rest (checkSpecs is the engine's ASCII links: no byte changes).
//   Both against ad27ce1's build (the first 73 rounds with the dropped change below, ~0.5%): main
//   thread 0.970 (median of the per-round ratios, 103 rounds in seven runs of 11-21, 63 lower, 26
//   higher, 14 equal at the 10 ms tick: sign test p = 0.0001; medians 660 -> 650 ms; the two runs
//   on a quiet slot 0.958 and 0.956, 12 of 15 lower each; the last two, this commit's build alone,
//   0.984 and 0.969, 630 -> 610 ms), all threads 0.991 (55 lower, 41 higher, p = 0.09); ab.sh (GNU
//   time, all threads, 11-15 rounds each, load 2.6-7) 1.000, 1.008, 1.001 and 1.000, against the
//   anchor 4.25-4.43x both. So the main thread ~2-3% less and the row's CPU not measurably: the
//   ~20 ms saved are inside the all-thread spread (TurboFan's threads vary by ±50 ms a run).
// - Tried and dropped: firstFix's memo key with the policy written out (typed as the policy less its
//   target) rather than JSON.stringify with a replacer (a slow path calling it per member): the key
//   over the 1,647 blocked exchanges ~3-4 ms a run, below the A/B; reverted. Its test stays
//   (src/cors/explain/fixes/first-fix.test.ts: explain-memo.test.ts's HARs did not catch a key
//   without the headers or credentials). Not made: the stack reading's key joined from an array of
//   its parts rather than by concatenation (over the 6,847 exchanges' responses, cold, 21-30 against
//   29-33 ms; 81 distinct keys); worthExposing memoized (28,234 calls, 10 names, ~4 ms); the wording's
//   shared parts (the notes, the first fix) cached as text (~2.5 of its 8.9 MB, some ms, for more
//   pieces); the advisories' spread (1,328 of them).
// - Left: the lines' serialization is at JSON.stringify's own speed (V8 11.3 writes the lines' 22 MB
//   at ~200-300 MB/s), so what is left is the engine's and the reading's work per exchange
//   (explain() ~145 ms, the diagnosis ~95, the grouping ~45, the input ~165) and the ~40% of the
//   CPU that TurboFan spends on other threads.
//
// Session 27, the launcher's V8 flags (lead; 2026-12-05 17:43-17:52Z, quiet machine, load 1.0-3.3,
// then one helper starting). Per-thread CPU (/tmp/s26/lead/mainthread.cjs) of fresh processes,
// configurations interleaved round by round, medians of per-round ratios to the default:
// - A sweep of inlining limits (flags on node's command line; explain --json of the 10,000-entry
//   HAR, 5-11 rounds each): --max-inlined-bytecode-size-cumulative=300 (920 by default) all threads
//   0.914, main thread 1.016, wall 0.957 (11 rounds); =150 and =200 about the same CPU, main thread
//   1.03; =500 no gain; --max-inlined-bytecode-size=200 alone 0.93 CPU; both 0.92 CPU, main 1.03;
//   --no-turbo-inlining 0.90 CPU but main thread 1.08; --maglev, --always-sparkplug nothing;
//   --maglev --max-opt=2 and --max-opt=1 less CPU in all but the main thread 1.5x (everything on it).
// - Kept: =300, set by the launcher (bin/v8-flags.mjs, v8.setFlagsFromString before the bundle
//   loads; V8 11.3 only, the version measured). Against the base build (11 rounds, load 2.9-6):
//   explain --json all threads 0.900 (11 of 11 below), main thread 1.032 (2 of 11 below), wall
//   0.845; report of the same HAR 0.859 / 1.000 / 0.880 (9 rounds). With the flag on node's
//   command line: explain (text) of the same HAR 0.909 / 1.000 / 0.899 (11 rounds); explain of the
//   151 MB HAR 0.909 / 0.951 / 0.941 (7 rounds).
//   Unlike session 26's interrupt budget (CPU -15%, main thread +25%), the main thread stays within
//   -5% to +3%: each compilation is smaller, not deferred. Outputs byte-identical.
// - Set before the launcher imported the CLI, the flag made `--version` ~10 ms slower (87 -> 97 ms
//   a run, 10 runs x 3, interleaved; the bench's row 1.51x -> 1.68x), likely because a flag set
//   changes the hash V8 checks its code caches against, so Node's modules loaded after it are
//   compiled afresh. Now set after the import, before main(): --version 90-91 ms against 87-91 for
//   the base, and explain --json / the 151 MB HAR as with the flag set first (B/A 0.98 / 1.00 CPU,
//   11 and 5 rounds, load 0.4-2).
//
// Session 28, explain --json (2026-12-05, 19:47-20:40Z, base 11b7e1f; two other helpers on the same
// two cores: load averages 0.6 at the start, then 3 to 15). Figures: per-thread CPU at exit
// (/tmp/s26/lead/mainthread.cjs) of fresh processes through bin/, base and new alternating first,
// medians of the per-round ratios with a sign test; TurboFan's compile times from --trace-opt
// (`took A, B, C ms`, B summed) with --no-concurrent-recompilation, so that each compile runs on
// the main thread, uninterrupted by the thread it competes with (5 runs each; the sum moves ±5%
// with the load, the ranking does not).
// - Where the compiling goes (base, load ~1): 180 compiles, ~320 ms in all; by phase (--turbo-stats,
//   wall on a loaded core) graph building 7%, lowering 19% (load elimination 5, escape analysis 4,
//   simplified lowering 5), block building 25%, register allocation 12%, code generation 5%. The
//   largest: computeRequestNeeds 15.5 ms (compiled twice), readLayers 12.5 (once, for ~150 calls:
//   it runs once per distinct set of headers read), jsonLine 9.3 (twice), readCorsResponseHeadersInto
//   8.6 (twice), scanUrlBase 7.9 (twice, 1,328 calls), exchangesFromEntries 7.8 and pairPreflights 4.2
//   (OSR, one call each), readEntry 7.5, diagnose 6.5, probeCommand 6.0 (1,328 calls). About a
//   quarter of the compile time lands after half the lines are written (the blocked exchanges' path:
//   serverMustSend, firstFix, describeOriginDifferences, asWritten, probeTargetOf... called 400-2,000
//   times each; approximate: one loaded run, each compile placed by the lines written before its
//   trace line), where each compile has little left to pay for it.
// - Deopts (--trace-deopt): 15-17 a run, no loops. The ones that cost a second compile: "wrong map"
//   inside an inlined split/map/filter chain (splitList in computeRequestNeeds, scanPath in
//   scanUrlBase; gone with the chains written as loops), and code first run after the function was
//   optimized ("insufficient type feedback": readCorsResponseHeadersInto's Location case,
//   unsafeNamesInHeaderOrder's recordFact, likely as the pairing runs it without facts first).
//   The rest (jsonLine's advisories.map, notesKey's alternatives, firefoxVerdict's advisories,
//   consoleMessage's options) follow where an empty `[]` and a filled array first meet, which is
//   the data's order; the lazy deopts ("code dependencies": readEntry, exchangesFromEntries,
//   pairPreflights...) come after those functions have run for the last time, and cost nothing.
// - Changed (stdout, stderr and exit status byte-identical to 11b7e1f's build: explain and explain
//   --json, chromium and firefox, with and without --fail-on-blocked, of the generated 10,000-,
//   2,000-, 300-, 150-entry HARs and the three recorded fixtures, and both of the 151 MB HAR):
//   readLayers' fingerprint loop a function of its own (matchFingerprints: 5.2 ms compiled, against
//   12.5 for readLayers whole; the folding after it never runs enough to be compiled); splitList and
//   scanPath as plain loops (computeRequestNeeds compiled once, 6.7 ms, against 2 x 7.7;
//   scanUrlBase once, 3.4 + scanPath 0.8, against 2 x 4). ~19 ms of compiling less.
//   A/B against 11b7e1f: all threads 0.981 (61 rounds, 37 lower, 20 higher, p = 0.03; load 7-11, the
//   first 25 rounds with this session's own tests running), main thread 1.000 (27 lower, 28 higher);
//   again all threads 0.965 (61 rounds, 42 lower, 17 higher, p = 0.002; load 10-14), main thread
//   1.000 (30 lower, 23 higher). The 122 rounds pooled: all threads 0.973 (geometric mean 0.980; 79
//   lower, 37 higher, p = 0.0001; medians 1,090 -> 1,070 ms), main thread 1.000 (0.998; 57 lower,
//   51 higher; 700 ms both), wall not resolved at that load (2-4x the CPU). So ~2-3% less CPU, all
//   of it TurboFan's, the main thread unchanged. explain (text) of the 151 MB HAR, not slower: main
//   thread 0.982, all threads 0.994 (9 rounds, load 11-15; 1,120 -> 1,090 / 1,620 -> 1,580 ms).
//   Against the anchor (ab.sh, GNU time CPU, 11 rounds, load 10-12): 3.96x -> 3.93x (anchor 290,
//   1,160 -> 1,140 ms; B/A 0.991, rounds 0.92-1.03), inside what 11 rounds resolve.
// - Tried and dropped:
//   - computeRequestNeeds answering the usual request (safelisted method, no preflight reason, no
//     preflight seen, no refused method or header) without its Sets and closures: main thread 0.970,
//     all threads 0.981 (31 rounds, load 6-8), then 1.016 / 1.021 (41 rounds, load 9): nothing the
//     A/B resolves; its compile grew (10.6 + 7.6 ms, still deoptimized at splitList). The gathering
//     moved out into a class and a function of its own: 21 ms compiled against 15.5. Reverted.
//   - advisories() as a loop (for jsonLine's deopt at advisories.map): jsonLine still deoptimized,
//     and advisories() was compiled (2.7 ms) and deoptimized in turn. Reverted.
//   - TurboFan's phases off, on node's command line (9 rounds each, interleaved, load 4-6, against
//     no flag): --no-turbo-escape main 1.032 / all 1.000; --no-turbo-load-elimination 1.049 /
//     1.032; --no-turbo-loop-peeling 1.049 / 1.021; --no-turbo-store-elimination 1.049 / 1.021.
//     Each compile is a little cheaper, the code it makes slower: no gain.
// - Left (lever by lever): the compiles are spread over ~180 functions of 1-8 ms each; the ones
//   left twice (jsonLine, readCorsResponseHeadersInto, unsafeNamesInHeaderOrder, memo's shared
//   closure) follow the data's order. What would move the row is fewer functions worth compiling:
//   less bytecode run per exchange on the blocked path (a quarter of the compiling arrives after half
//   the lines), e.g. asWritten's per-character loop (2.5 ms compiled for 415 calls) and
//   describeOriginDifferences (2.5 ms for 602). On the main thread: explain() ~105 ms (the stack
//   reading's memo ~35 of it), the diagnosis ~85-100, the grouping ~40 (requestNeeds 27 of it), the
//   lines' JSON.stringify ~65, the input's JSON.parse ~75-90, GC 65-100.
//
// Session 31, explain --json (2026-12-06, 04:14-05:30Z, base 684dddb; other helpers on the same two
// cores: load averages 1.2 at the start, then 7 to 16, so every figure below but the first is a
// loaded one). Figures: GNU time CPU (user + sys), per-thread CPU and minor faults at exit
// (/proc/self/task/*/stat, a -r preload), fresh processes, base and new alternating first, medians
// of the per-round ratios with the sign count.
// - Where the system time went (the first runs at load 1-2): this VM's page faults cost ~10-13 us each, and they are
//   nearly all of the sys time (strace -c: nothing but futex and epoll waits weighs). The anchor:
//   44.5k minor faults (the 33 MB buffer, the 33 MB string, its object tree), 0.37 s sys. explain
//   --json: 27.3k faults, 0.34 s sys, of which the main thread 13.5-14k (perf record -e minor-faults:
//   V8's heap touched first, new-space strings, the scavenger's and promotion's copies), libuv's four
//   threadpool threads 8.4k (readFile's 512 KiB reads into one 33 MB buffer: 20-30 ms sys each, no
//   user time) and V8's four workers ~5k (TurboFan's zones, beside their ~500 ms user). Reading the
//   file alone: readFile 190-210 ms CPU, 8.2k faults on the pool's threads; a 1 MiB buffer reused
//   with readSync 110-130 ms; node doing nothing 100-110 ms.
// - Changed: a HAR file walked through a window of its bytes (json-members.ts: JsonBytes over a
//   ReadBytes; input.ts walkHarFile): 1 MiB, read in order, each byte once, grown only for a value
//   bigger than half of it, keeping the bytes from the earliest one still needed (the value being
//   scanned; the separator before an element, whose indentation closingLine reads back). Each
//   window is asked once whether it is ASCII (latin1 and UTF-8 read ASCII alike). Standard input,
//   bundles, HARs that do not walk, and anything but a regular file are read whole as before, with
//   the same messages. Tests walk every case of input.test.ts and 300 mutated HARs through windows
//   of 1, 5, 7, 64, 300 and 4,096 bytes against the whole buffer; dropping the hold of enclosing
//   scans, the per-window ASCII answer or the window's bound each fails them. Outputs
//   (outputs.sh) byte-identical to 684dddb's build.
//   A/B against 684dddb's build: GNU time CPU 0.861 (11 rounds 0.74-0.95, all lower, load 12-15),
//   then 0.854 (15 rounds 0.73-1.00, all lower, 2,440 -> 2,100 ms, load 11-16); main thread 0.898
//   (9 of 11 lower) and 0.885 (13 of 15 lower, 1,540 -> 1,380 ms); all threads (per-thread sum)
//   0.872 and 0.866; wall 0.861 and 0.754 (noisy at that load). Minor faults 27.3k -> 18.0k, peak RSS
//   143 -> 107 MB (every round). The faults and the pool's ~90 ms are ~6% of a quiet run; under load
//   the saving measured twice that (faults cost more on a busy host), so a quiet A/B may show less.
//   Against the anchor (anchor, base, new interleaved, 9 rounds, load 12.5-15; CPU medians 1,130,
//   2,250, 1,860 ms): 1.93x -> 1.79x (rounds 1.76-2.31x -> 1.33-2.07x; new/base 0.929). This
//   row itself at load 15 (npm run build:cli && tsx bench/cli-speed.ts 0, once): 2.00x (anchor 920,
//   explain --json 1,840 ms CPU), floor 1.49x. Not the goal of 1.5x: the gap left is ~20%.
//   explain (text) of a 151 MB / 45,000-entry HAR of big-har.ts (3 rounds, load 15-16): CPU 3,620-
//   4,100 -> 3,030-3,180 ms, faults 68k -> 31k, peak RSS 300 -> 155 MB (1.98x -> 1.03x the file);
//   its explain and explain --json (stdout, stderr, exit status) byte-identical to 684dddb's. A
//   compact (unindented) 17 MB HAR, walked byte by byte in valueEnd, which now reads through the
//   window: explain 1,230-1,400 -> 1,120-1,320 ms CPU (4 runs each, load 16), not slower.
// - Tried and dropped: V8's --interrupt-budget at twice its default (node's command line, as the
//   launcher would set it): all threads 0.985 but the main thread 1.117 and wall 1.21 (7 rounds, load
//   7-11): the compiling deferred onto the main thread, as session 26 found at 400,000. A smaller
//   young generation (--max-semi-space-size=4 on node's command line): main-thread faults 13.5k ->
//   8.5k, heap committed 30 instead of 50 MB, main thread 1,110-1,140 against 1,210-1,270 ms (2 runs
//   each, load 14); but its size is fixed when the heap is made, before the launcher runs, and
//   --semi-space-growth-factor=1, which the launcher could set, did not stop the growth
//   (--trace-gc-verbose: the new space still 2, 4, 8, 16, 32 MB committed, as by default): not
//   reachable without a second process.
// - Left: the main thread's ~14k faults, ~8k of them the new space growing to two 16 MB
//   semi-spaces (V8 grows it once the bytes surviving scavenges since the last growth pass its
//   size: the walk's entries survive), the rest the old space (~17 MB committed) and startup (~4k
//   for --version); the workers' TurboFan (~500 ms user, ~4k faults). Less surviving per entry
//   during the walk (the CapturedEntry objects copied into exchanges afterwards, session 25's note)
//   would keep the young generation smaller.
// - Measured after D (helper F, 05:00-05:15Z, load 5-8): what the walk keeps per HAR entry (heap after
//   walkHar and two full GCs, gen10000.har): 574 bytes, 5.7 MB in all: the two header lists ~240
//   (a JSArray and its elements each; node 20 has no pointer compression, so 8 bytes a slot), the
//   CapturedEntry and its response object ~190, strings (url, initiatorUrl) ~100, two heap numbers
//   (startedAt, durationMs) 32, a PropertyArray (fields added after the literal) 40. The lines were
//   shared already; whole lists repeat too (1,587 distinct request lists and 750 response lists in
//   10,000 entries). Sharing them (HeaderLines.list: a hash over the kept lines' numbers, compared
//   line by line; commit 49ad7a2): 370 bytes per entry (-36%), outputs byte-identical. But the young
//   generation still grew to two 16 MB semi-spaces: the walk now ends with 8 MB ones (26 MB
//   committed), and the pairing after it (exchangesFromEntries; 170-280 ms of the main thread at
//   load 4-6) promotes ~7 MB (10.8 -> 18.2 MB after scavenges, 12.4 MB after the next mark-compact:
//   mostly its maps keyed by URL and method and other temporaries), which makes the last growth.
//   A/B against c0e36bb's build (two runs of 11 rounds, load 7 and 5.5): CPU 1.012 and 1.006 (5 and
//   4 of 11 lower), main thread 1.020 and 1.010, all threads 1.013 and 1.007; faults 18.3k -> 17.3k
//   (0.938 and 0.946, 11 of 11 lower), peak RSS 107 -> 104.5 MB. No help on CPU: reverted (2f9ffda).
//   The launcher: --semi-space-growth-factor=1 given on node's own command line leaves the growth
//   as it is too (the same committed sizes at each scavenge), so that flag is no lever from anywhere
//   on V8 11.3. Left: fewer temporaries surviving the pairing (pairing.ts, redirect-chain.ts,
//   preflight-cache-hits.ts key maps by template strings per entry), together with the shared lists.
//
// Session 32, main thread (2026-12-06, 06:55-08:20Z, base a79e1c6; four other helpers on the same two
// cores: load averages 1.3 at the start, then 9 to 13 throughout). Aim: explain --json's main thread
// (~900-1,000 ms CPU against the anchor's ~680). GNU time and per-thread CPU of fresh processes,
// base and new alternating first, resolved nothing below ~5% at that load (single rounds 0.7-1.3).
// So each change was also counted in instructions: valgrind --tool=callgrind --separate-threads=yes
// (--smc-check=all-non-file), the main thread's Ir of explain --json of the 2,000-entry HAR, ~2 min
// a run under load, the load not counted: base 1.845, 1.864, 1.869, 1.873 G (4 runs, spread 1.5%).
// - Where the main thread's instructions go (base, that HAR, 1.87 G; `node -e 0` alone is 0.51 G,
//   OpenSSL's start ~0.2 G of it): JSON.parse 200 M (the walk), JSON.stringify 124 M (the lines),
//   parsing and compiling the bundle's JavaScript ~200 M (CompileModule 74 M: the 715 KB bundle
//   pre-parsed at every start; CompileLazy 119 M: each function compiled when first called), GC 70 M,
//   the ICs of code not yet optimized (LoadIC 97 M, KeyedLoadIC 25 M, DefineNamedOwnIC 24.5 M), while
//   TurboFan's code runs 62 M and Sparkplug's 43 M (JIT code named from --perf-basic-prof's map).
//   Map lookups hashing fresh keys: 34 M (48,800 hashes of ~700 instructions: the memo keys, ~300
//   characters each for the stack reading's, 149 distinct of 7,094 asked).
// - Kept: the bundle is ASCII. esbuild escapes strings but kept three comments as written (a §, a ≥ and
//   a ±), and one character beyond Latin-1 made node read the whole source as two bytes a character,
//   decoded one at a time at each start. The three comments reworded; bin.test.ts fails on any byte
//   beyond ASCII in dist-cli/cors-inspector.mjs (it failed before the rewording). --version's main
//   thread 690.9 and 693.3 -> 684.0 and 679.2 M instructions (-1.3%, ~2-3 ms); explain --json of the
//   2,000-entry HAR 1.866 G, inside the base's spread: far below what a CPU A/B resolves (against
//   a79e1c6's build, explain --json of the 10,000-entry HAR: main thread 1.033 and 0.990, 9 and 11
//   rounds, 1 and 6 lower; GNU time CPU 1.025 and 0.982; load 10-12). Outputs (outputs.sh)
//   byte-identical to a79e1c6's build.
// - Tried and dropped (none measurable in instructions or CPU):
//   - stackReadingOf without its WeakMap per diagnosis (the quiet profile put 25 of its 32 ticks
//     on READ.set, ~36 ms self): 1.866 G; CLI main thread 1.000 (11 rounds 0.89-1.06, load 13). The
//     profile's ticks on that line were not the map's work.
//   - readStack's key: an unread line's part spelled once per name (one concatenation instead of
//     a template of four parts): 1.864 G.
//   - The wording's parts that explain() shares, frozen (a policy's first fix, the assumption
//     notes: 2.55 of the wording's 9.2 MB), serialized once per object, the wording written in
//     three JSON.stringify parts around them: 1.878 and 1.880 G (the extra calls ate the saving);
//     CLI main thread ~1.01 (7 rounds, load 10).
//   - The output's UTF-8 pieces encoded into one reused buffer (an experiment only: unsafe for a
//     stream that keeps the buffer): main-thread faults 13.9k -> 13.4k, main thread 1.000 (7 rounds,
//     load 10): the writer's buffers are not where the faults are.
//   - closingLine finding `\n` + indentation + `}` with one Buffer.indexOf per element instead of
//     one per `}` (26 per entry): 95-155 against 14-29 ms over the 33 MB (node 20's search for a
//     many-byte needle is the slower): not made.
//   - For the record, parts dropped out of a copy (outputs wrong; 7 rounds each, load 9-12): the
//     wording's JSON.stringify made a constant, main thread 0.824 (0.74-1.18); the writer (batching,
//     encoding, writing) skipped, 0.958 (0.70-1.28). Too noisy to size anything by.
// - Left: the compile (~200 M instructions a run: a code cache would take most of it, but node 20
//   has none for ES modules, and the launcher is bin/'s), the memo keys' hashing, and the share of
//   the JavaScript that runs before it is optimized (the V8 flags' helper's).
//
// Session 32, the launcher's interrupt budget (helper A, 2026-12-06 06:56-08:00Z, base a79e1c6; four
// other helpers on the same two cores: load averages 1.1 at the start, then 8 to 14, so wall time
// ran 2-4x the CPU and its ratios swing ±20% round to round). Figures: fresh processes through a
// copy of the launcher that sets extra flags at run time after its own (as a change to
// v8-flags.mjs would), the anchor (node read + JSON.parse + one pass) and each configuration
// interleaved, the order rotated each round; CPU of all threads from wait4 (user + sys), the main
// thread's from /proc/self/task at exit (a -r preload, 10 ms ticks), wall around the process;
// medians of per-round ratios to the launcher's current flags, with how many rounds were lower;
// outputs to /dev/null.
// - Sweep (3 rounds; explain --json and explain of the 10,000-entry HAR at load 1-4, the rest at
//   load 4-10), CPU all threads / main thread:
//     flag                            explain --json  explain        151 MB HAR     gen2000 --json
//     --interrupt-budget=300000       0.904 / 1.000   0.917 / 1.083  0.994 / 1.040  0.848 / 1.038
//     --interrupt-budget=600000       0.739 / 0.981   0.854 / 1.067  1.023 / 1.099  0.789 / 1.000
//     --interrupt-budget=1000000      0.818 / 1.106   0.862 / 1.106  1.022 / 1.188  0.736 / 0.943
//     --interrupt-budget=2000000      0.740 / 1.029   0.887 / 1.121
//     --no-opt                        0.784 / 1.135   0.938 / 1.281  1.533 / 2.102  0.760 / 1.019
//     --ticks-before-optimization=10  0.875 / 0.942   1.020 / 1.050
//     --max-bytecode-size-for-early-opt=0  0.891 / 0.913, 1.022 / 1.047
//     --interrupt-budget=600000 with the inlining flag dropped: 0.795 / 1.019, 0.912 / 1.067.
//   Then (5 rounds, load 8-12; explain --json of the 10,000-entry HAR, and the 151 MB HAR):
//   --interrupt-budget=200000 0.914 / 1.016 and 1.012 / 1.080 (about as 300,000);
//   --bytecode-size-allowance-per-tick=50 (150 by default: long functions wait longer) 1.053 /
//   1.115 and 1.024 / 1.009; =25 1.056 / 1.194 and 1.001 / 1.007; --ticks-before-optimization=6
//   1.019 / 1.096 and 0.985 / 0.975: dropped.
// - 600,000 against 300,000 (9 rounds each, interleaved, load 9-12.6), CPU all threads / main:
//   explain --json 0.886 / 1.147 against 0.908 / 1.079; explain 0.811 / 1.014 against 0.897 / 1.042;
//   report 0.889 / 1.132 against 0.898 / 1.048; the 151 MB HAR 1.028 / 1.128 against 1.019 / 1.066;
//   gen2000 --json 0.741 / 0.934 against 0.803 / 1.000. 600,000 saves a few % more CPU on the
//   10,000-entry HAR and costs its main thread (0 of 9 rounds lower) and the 151 MB HAR's 13-15%;
//   --no-opt costs the 151 MB HAR 1.5x (everything interpreted or in Sparkplug, on the main thread).
// - The best of them, --interrupt-budget=300000 (67,584 by default), measured carefully. TurboFan
//   compiles (--trace-opt, completed optimizing): explain of the 10,000-entry HAR 133 -> 55 (OSR 7
//   -> 1), the 151 MB HAR 188 -> 136. Against the current flags, the three runs pooled (9 + 7
//   rounds, load 8-14; 21 for the 10,000-entry --json and the 151 MB rows, with 5 more at load
//   8-12), ratio (rounds lower):
//     row                       CPU all        main thread   wall           CPU vs. the anchor
//     explain --json, 10,000    0.909 (16/21)  1.060 (6/21)  1.022 (10/21)  1.98x -> 1.82x
//     explain, 10,000           0.911 (12/16)  1.049 (4/16)  0.910 (10/16)  1.29x -> 1.16x
//     report, 10,000            0.898 (15/16)  1.052 (4/16)  0.981 (10/16)  1.75x -> 1.55x
//     explain, 151 MB / 45,000  0.999 (12/21)  1.039 (4/21)  1.022 (9/21)   0.68x -> 0.68x
//     explain --json, 2,000     0.810 (15/16)  1.007 (6/16)  0.888 (10/16)  3.00x -> 2.47x
//     explain --json, small     0.963 (7/9)    1.000 (2/9)   0.965 (6/9)    2.07x -> 1.96x
//     explain, small            0.947 (11/16)  0.986 (8/16)  0.962 (9/16)   2.13x -> 2.01x
//     --version (node -e 0)     0.986 (13/21)  1.000 (10/21) 0.995 (11/21)  1.65x -> 1.62x
//   (small: public.devtools.har; --version: a run of its own, 21 rounds, load 8-9.) Medians in
//   ms, explain --json of the 10,000-entry HAR: CPU 1,893 -> 1,696, main thread 1,230 -> 1,280; the
//   151 MB HAR: 2,390 -> 2,411 and 1,570 -> 1,690; peak RSS unchanged (105 -> 103 and 152 -> 151
//   MB). Outputs (outputs.sh) byte-identical to a79e1c6's build.
//   Then set by the launcher itself (bin/v8-flags.mjs as the inlining flag: commit bf9a4f2 on
//   branch s32-jit), against a79e1c6's build (7 rounds, load 11.8-13.7), CPU all / main / wall:
//   explain --json of the 10,000-entry HAR 0.964 (4/7) / 1.145 (1/7) / 1.018 (3/7), 1,750 -> 1,675
//   and 1,100 -> 1,260 ms; the 151 MB HAR 1.031 (2/7) / 1.083 (0/7) / 1.001 (3/7); gen2000 --json
//   0.797 (7/7) / 0.984 (4/7) / 0.905 (5/7). Again (7 rounds, load 10-16.8): explain --json 0.923
//   (6/7) / 1.085 (1/7) / 1.078 (2/7), 1,735 -> 1,602 and 1,100 -> 1,200 ms (1.90x -> 1.79x the
//   anchor); the 151 MB HAR 1.007 (2/7) / 1.084 (0/7) / 1.019 (3/7).
//   The trade: less CPU in all where a run is 2,000-10,000 requests (~20% and 4-10%), bought with
//   5-15% more on the main thread (the code no longer optimized runs in Ignition and Sparkplug); on
//   the 151 MB HAR the compiles it saves are paid back on the main thread: CPU in all unchanged or
//   up to 3% more, the main thread 4-8% more (lower in 5 of 35 rounds). Wall time at this load is
//   not resolved (every row within ±10%, signs near half); on a quiet two-core machine, where
//   TurboFan's threads run beside the main thread, the main thread is what a person waits for.
//   Not landed (the launcher's flags as before; bf9a4f2 taken back out): the 151 MB row is worse on
//   its main thread (0 of 14 rounds lower through the launcher) and no better in all, and the
//   10,000-entry row gains 4-9% for a main thread 6-15% slower; sessions 26 and 31 dropped 400,000
//   and 135,168 for the same main-thread cost. Not measured on a quiet machine (the load never fell
//   below 8 after the first minutes): a quiet A/B of bf9a4f2 (wall time, main thread) would settle it.
// - Left: the explain --json row 1.9-2.0x at load 8-14 (the goal 1.5x). With the flag its main
//   thread alone is 1.35x the anchor's CPU in all (1.63x the anchor's main thread), and the other
//   threads (TurboFan, GC helpers, libuv's pool) add ~0.45x; a larger budget moves compiling onto
//   the main thread rather than removing it, so the rest is the main thread's own work.
//
// Session 33, a V8 code cache for the CLI (helper, 2026-12-06 09:57-11:10Z, base 08b0dd8; other
// helpers on the same two cores: load averages 1-2 at the start, then 10 to 16). Figures: callgrind
// (--separate-threads=yes --smc-check=all-non-file, instructions, one run each) and fresh processes
// through each build's own launcher, the anchor and the builds interleaved, the order rotated each
// round, medians of per-round ratios with the rounds lower (session 32's method).
// - Estimated first, on a prototype (the bundle built by esbuild as CommonJS wrapped in one function
//   expression, compiled by vm.Script; a cache made after explain --json of the 2,000-entry HAR):
//   --version's main thread 683 -> 580 M instructions (-15%; the script without a cache 658 M: node's
//   ES module loading alone costs ~25 M); explain --json of the 2,000-entry HAR main thread 1,902 ->
//   1,748 M (-8%), all threads 2.96 -> 2.70 G. CompileModule's 76 M (the whole bundle pre-parsed) and
//   most of CompileLazy's 121 M go; the cache's deserialization costs 23 M.
// - Kept: the bundle is a classic script, dist-cli/cors-inspector.js (`import.meta.url` passed in by
//   the loader; no top-level await; the commands' dynamic imports are esbuild's in-bundle ones), and
//   the build makes dist-cli/cors-inspector.cache in a node of its own without NODE_OPTIONS
//   (scripts/cli-code-cache.mjs): it runs --version, --help, explain, explain --json, report and curl
//   over the two recorded HARs of test/fixtures, then calls createCachedData (functions compiled
//   lazily are in it only if they ran by then: 732 KB of cache for the 731 KB script; the build takes
//   ~3 s more). bin/load-cli.mjs, shared by the launcher and that step, compiles the script with the
//   cache when its key (the script's SHA-256, on its last line and at the head of the cache) matches.
//   - V8 checks a cache only against its version, its flags' hash and the source's length, and reads
//     its bytes unchecked: a cache with 64 bytes flipped inside stopped node with "Fatal error ...
//     unreachable code" and a native stack (status 133) in Deserializer::ReadSingleBytecodeData. With
//     --verify-snapshot-checksum (set before compiling, in the build and at run time alike) V8
//     checksums the cache when it makes it and checks it when it reads it: the damaged one is
//     rejected and the CLI compiles as without a cache. The key keeps a cache from being used with a
//     rebuilt script of the same length. A cache V8 rejects (other flags, other node, cut short) or
//     none at all: a normal compile, the same output, nothing on stderr (bin.test.ts).
//   - The flags' order: any flag set changes the hash, so the cache must be made under the flags the
//     run compiles under. All are now set before compiling (the inlining flag and the checksum):
//     --version 586 M against 580 M for the prototype that set them after (its cache also smaller),
//     where session 27's ES module import had cost ~10 ms with the flag set first.
//   - Only on V8 11.3 (node 20), where it was measured (as bin/v8-flags.mjs): elsewhere neither made
//     nor used. Node 22's module.enableCompileCache would be the way there.
//   Callgrind of the built CLI: --version main thread 683 -> 586 M (-14%); explain --json of the
//   2,000-entry HAR main thread 1,902 -> 1,784 M (-6%). A/B against 08b0dd8's build (11 rounds, load
//   11-17), CPU all threads / main thread / wall (rounds lower):
//     --version                  0.845 (11/11)  0.842 (10/11)  0.892 (6/11)   1.63x -> 1.39x the anchor
//     explain --json, 10,000     0.947 (11/11)  0.936 (11/11)  0.981 (6/11)   1.98x -> 1.87x
//     explain, 151 MB / 45,000   0.975 (9/11)   0.955 (8/11)   0.903 (8/11)
//   (medians in ms: --version 235 -> 200 CPU; explain --json 1,843 -> 1,740 CPU, main thread 1,210 ->
//   1,100.) Again with the final build (7 rounds, load 11-14): --version 0.874 (6/7) / 0.857 (6/7) /
//   1.011 (3/7); explain --json 0.937 (7/7) / 0.882 (7/7) / 0.931 (5/7), 1,958 -> 1,819 ms CPU;
//   explain (text), 10,000: 0.944 (7/7) / 0.878 (6/7) / 0.731 (4/7); the 151 MB HAR 0.995 (4/7) /
//   1.010 (3/7) / 1.148 (2/7). The 151 MB row alone once more (9 rounds, load 8-9): 0.993 (5/9) /
//   0.980 (8/9) / 0.947 (7/9); its three runs pooled (27 rounds): CPU 0.991 (18/27), main thread
//   0.981 (19/27), wall 0.947 (17/27). Wall time at this load is 2-5x the CPU and swings ±40%.
//   Then at load 5-7 (7 rounds): --version 0.799 (7/7) / 0.789 (6/7) / 0.772 (6/7), 220 -> 178 ms
//   CPU (1.71x -> 1.38x the anchor); explain --json 0.860 (6/7) / 0.850 (6/7) / 0.955 (4/7), 1,660
//   -> 1,500 ms CPU, main thread 1,030 -> 920 (1.91x -> 1.72x the anchor). More than the
//   instructions saved (-6% on the main thread at 2,000 requests) would say: not settled on a quiet
//   machine; an A/B there would size it.
//   Outputs (outputs.sh) byte-identical to 08b0dd8's build.
// - Left: in explain --json of the 2,000-entry HAR, Compiler::Compile still 63 M (likely functions
//   the generated HAR runs and the recorded fixtures do not, and Sparkplug's baseline compiles; not
//   broken down) and the cache's deserialization 23 M; TurboFan's work on V8's threads, which a
//   cache cannot hold.
// - Measured by the lead (09:53Z, quiet machine, load 0.7-1.6, 9 rounds interleaved, session 32's
//   commit bf9a4f2's flag set at run time by a launcher copy): --interrupt-budget=300000 on explain
//   --json of the 10,000-entry HAR: CPU all threads 0.917 (9 of 9 lower), main thread 1.081 (0 of 9
//   lower), wall 0.997; on the 151 MB explain: CPU 1.014, main 1.072, wall 1.026. It moves work from
//   V8's threads onto the main thread and saves no wall time: dropped for good.
//   Command-line flags tried on explain --json of the 10,000-entry HAR (lead, 3 runs each), none
//   gained (main thread / all threads, ms): base 880-910 / 1,330-1,390; --maglev 880-950 /
//   1,370-1,400; --no-turbo-inlining 920-940 / 1,330; --max-inlined-bytecode-size=100 940-950 /
//   1,380-1,400; --max-optimized-bytecode-size=2000 900 / 1,360-1,370; --no-use-osr 900-930 /
//   1,340-1,400; --no-sparkplug 960-1,010 / 1,440-1,460; --single-threaded-gc 900-960 / 1,280-1,330;
//   --max-semi-space-size=32 920-940 / 1,390-1,410.
//
// Session 34, helper A: the input side of explain --json (2026-12-06, 12:40-13:55Z, base 9643668;
// other helpers on the same two cores: load averages 0.8 at the start, then 7 to 22). Aim: ~200 ms
// less CPU in all for the row (1.75x -> 1.5x), from the reading up to the exchanges (json-members.ts,
// input.ts, capture/). Not reached: nothing landed; every change below measured no gain.
// - Figures: callgrind (--separate-threads=yes --smc-check=all-non-file) of the built CLI and of a
//   harness (readInput of the 10,000-entry HAR alone, esbuild's bundle of the sources, node with the
//   launcher's inlining flag; JIT code named from --perf-basic-prof's map), and fresh CLI processes
//   interleaved with the anchor (anchor, base, new; order rotated; GNU time CPU, per-thread CPU at
//   exit; medians of per-round ratios, rounds lower).
// - Where it goes. explain --json under callgrind: main thread 4.67 G instructions, V8's four worker
//   threads 2.35 G; the anchor 1.56 G and 0.19 G. The input side alone (the harness): main thread
//   2.48-2.50 G (one run 2.86 G), workers 0.50-0.78 G; CPU at load 2: main 460-500 ms (node's start
//   included), workers ~170 ms. Of its main thread: the entries' JSON.parse 955 M, the anchor's of
//   the whole file 964 M (the same work: the per-entry calls cost nothing measurable); readEntry
//   ~266 M, of which readHeaders ~154 M (the header-line interner's Map hashing fresh value strings:
//   207,728 hashes of ~430 instructions, 89 M); closingLine ~98 M (26 Buffer.indexOf calls per entry,
//   bidirectionalIndexOf 53 M of it); the per-entry latin1 toString 30 M; scavenges 91-105 M.
//   Baseline (Sparkplug) code's LoadIC 75-197 M: how much runs before TurboFan's code lands depends
//   on when the worker finishes, so under valgrind (threads serialized) the main thread's count moves
//   up to 15% between runs of one build, and on a loaded machine its CPU moves the same way.
// - Deopts on this side (--trace-deopt, the CLI): closingLine, elements, skipSpace and byteAt
//   ("Insufficient type feedback for generic named access") when the first 1 MiB window ran out
//   (~300 entries in, after V8 had optimized them: their refill branch had never run), each then
//   compiled again; chainRedirects ("... compare operation", OSR-compiled in its first loop, stopped
//   at the second loop's first comparison, OSR-compiled again). Outside this side's files:
//   unsafeNamesInHeaderOrder, readCorsResponseHeadersInto and lineSafelistVerdict (src/cors/, run by
//   the pairing first), and Node's bidirectionalIndexOf (optimized for closingLine's calls, then
//   deoptimized by inert-json.ts's `bytes.indexOf(DELETE)`).
// - Tried and dropped:
//   - The window refilled between elements (JsonBytes.readAhead: when under an eighth of it is held
//     from an element's start) and the first reads small (64 KiB, doubling up to 1 MiB), so the one
//     refill site runs before V8 optimizes the scans: closingLine's deopt gone, those of elements,
//     skipSpace and byteAt left only at the document's end (after the last element; nothing compiled
//     again). With it, chainRedirects' first loop a function of its own (requestsByUrl): its deopt
//     gone. Outputs (outputs.sh) byte-identical. Harness instructions (the first alone): main 2.486 G,
//     all 3.219 G, inside the base's 2.48-2.50 / 3.20-3.26 G. CLI A/B of both against the base (15
//     rounds, load 13.7-16.8): CPU 1.004 (7 lower; medians 1,749 -> 1,798 ms), main thread 1.009 (7),
//     other threads 1.020 (6), wall 0.922 (10); 1.90x -> 1.88x the anchor (922 ms). Two recompiles of
//     a few ms each are below what this resolves. (A first version doubled the read size without a
//     bound: the field passed 2^31, turned from a small integer into a double, and every method of
//     JsonBytes deoptimized on "wrong map": such fields must stay small integers.)
//   - An ASCII window read as one latin1 string: each element JSON.parse'd from a slice of it (V8
//     makes a view, no copy) and its closing line found by one String indexOf of "\n" + indentation +
//     "}" instead of an indexOf per `}`. Worse: V8's Boyer-Moore-Horspool search 169 M against
//     closingLine's 98 M; JSON.parse through the slices 1,003 M against 955 M; scavenges 171 M
//     against 91-105 M (the 1 MiB window strings); harness main thread 2.64 G against 2.48-2.50 G.
//     CLI A/B against the base (with the two changes above; 15 rounds, load 18.6-22.4): CPU 1.065
//     (0 of 15 lower; 1,847 -> 1,961 ms), main thread 1.093 (0 lower; 1,200 -> 1,320 ms), other
//     threads 1.019 (7). Input tests passed; outputs byte-identical.
//   - Several entries JSON.parse'd at once ('[' + their span + ']'), measured alone: the 10,000
//     entries' toString and JSON.parse (each header list then read once) in one process, CPU, 4 runs
//     each at load ~20: one at a time 108-126 ms, 20 at a time 111-135, 100 at a time 425-521 (a
//     batch's ~1 MB of objects outlives the scavenges that one entry's never meets). Not made.
// - Not made: the interner without hashing fresh values (89 M; sessions 23 and 26 found no gain in
//   comparing with the last value first).
// - Left: the input side's main thread is node's start (`node -e 0`: 0.51 G here), the anchor's
//   JSON.parse (0.96 G) and ~1 G of JavaScript, GC and code not yet optimized (the harness's own
//   compile included), and its workers compile ~60 functions (readEntry, exchangesFromEntries and
//   its originOf closure, the pairing's) for 10,000 entries. ~200 ms less in all would have to come
//   mostly from TurboFan's compiles and the code that runs before they land, not from the reader's
//   copies (the per-entry strings: ~30 M instructions).
//
// Session 34, helper B: explain --json's output side (2026-12-06, 12:40-13:50Z, base 9643668; four
// other helpers on the same two cores: load averages 0.9 at the start, then 10 to 23, wall 10-20 s a
// run of ~2 s CPU). Figures: callgrind (--separate-threads=yes, instructions, one run each, main
// thread / all threads) and fresh processes through each build's launcher interleaved with
// 9643668's build, order alternating, medians of per-round ratios with the rounds lower.
// - Where it goes (9643668's build, explain --json of the 10,000-entry HAR). --trace-opt with
//   --no-concurrent-recompilation (each compile on the main thread, its times summed): 210 TurboFan
//   compiles, ~470 ms; by the source of the function compiled, src/cors 268 (src/cors/explain 108:
//   computeRequestNeeds 10.5, matchFingerprints 10.5, explainInScope 7.5, notesKey 5.3, addToNeed
//   4.5, probeTargetOf 4.4, ...), src/capture 64, src/export 50 (masked-url-secrets 15, redact-url 10,
//   probe-command 9), src/cli 47 (format-json 18, json-members 15), node's own 39. Compiled twice:
//   readCorsResponseHeadersInto, closingLine, unsafeNamesInHeaderOrder; memo2 three times; the other
//   deopts come after the function's last busy use. A sampling heap profile with the collected objects
//   (HeapProfiler, 4 KiB interval): 297 MB allocated in a run; on this side jsonLine 40 MB
//   (JSON.stringify's parts and the flat copies `slice` makes of them), batched's join 25, readLinesKey
//   7, maskedHeaders 5.4, readStack 5.1; the input's parseElement 53. The explain memos' keys (counted
//   in a copy): the stack reading's 7,094 of ~306 characters (149 distinct), the first fix's 1,647 of
//   ~579 (130), the notes' 6,847 of ~71 (9): ~4 MB hashed in all. Profiles at load 5+ useless again.
// - What parts weigh, taken out of a copy of the build (callgrind, explain --json of the 2,000-entry
//   HAR; the copies and their reference without a code cache, that reference 1.952 / 2.935 G): no
//   masking (withUrlSecretsMasked the identity) 1.872 / 2.780 G (-4.1% / -5.3%); the advisories' probe
//   lines a constant 1.928 / 2.913 G (-1.2% / -0.7%); the lines' `firefox` null 1.930 / 2.914 G
//   (-1.1% / -0.7%). 9643668's build with its cache, two runs: 1.811 and 1.794 / 2.879 and 2.812 G;
//   on the 10,000-entry HAR 4.779 and 4.889 / 7.043 and 7.171 G (two runs 2.3% apart on the main
//   thread: what one callgrind run of a change can resolve there).
// - Tried and dropped:
//   - maskedUrl remembered per distinct URL (memoized, 4,096 kept, URLs of up to 2,048 characters; the
//     last-URL check kept): the 10,000-entry HAR masks 7,188 URLs, 5,064 distinct. 2,000-entry HAR
//     1.801 and 1.789 / 2.745 and 2.793 G, 10,000-entry HAR 4.884 / 7.166 G: inside the base's
//     spread on both (30% fewer masks, paid in the map's hashing, growth and clearing); CPU A/B (7
//     rounds, load 17-19) 1.011 (2 lower), main thread 1.066 (1 lower). Reverted.
//   - The line's members after the checks (`firefox`, `browser`, `browserDifference`) written from one
//     text per browser where Firefox allows with nothing logged and the browsers agree (most lines;
//     the condition reads every field jsonVerdicts writes): 2,000-entry HAR 1.794 / 2.780 G, inside the
//     base's spread; 10,000-entry HAR 4.860 / 7.142 G, inside it too; CPU A/B (7 rounds, load
//     17-19) 0.972 (4 lower), main thread 0.982 (4 lower), single rounds ±15%. The whole `firefox`
//     object is ~1% of the instructions and this saves a part of it: reverted, nothing resolved.
//   Outputs (outputs.sh) byte-identical to 9643668's build, the first alone and both together; the
//   unit files near them passed (masked-url-secrets, redirect-masked-url, explain-url-secrets,
//   explain-origin-secrets, explain-passwords, format-json, explain-memo; inert-json.test.ts's
//   property test, code neither touches, timed out at 30 s under load 20).
// - Left: no single part of the output side weighs over ~4% (the masking, whose cost is the text
//   scan of every distinct URL's path and query, run cold); the TurboFan work is spread over ~200
//   functions of 1-10 ms, more than half of them the engine's, each run once per exchange. Not tried
//   for lack of time: the masking's per-segment scan (a memo there must replay what it records in
//   `found` and key the depth: its callers other than explain read them); jsonLine's slices of
//   JSON.stringify's cons strings (each flattened, ~1/3 of its 40 MB) by writing parts without them.
//
// Session 37, helper P: where explain --json's CPU goes on this machine (2026-12-06, 22:39-23:30Z,
// base 8ac19f6; seven other helpers on the same two cores: load averages 0.4 at the start, then 10
// to 24, so every CPU figure after the first is a loaded one). Aim: the biggest structural lever
// between the floor (1.53-1.59x) and the row (4.2-4.4x). Nothing landed: nothing below measured.
// - The row at 22:39Z (load 3.6): anchor 330, explain --json 1,370 ms CPU (4.15x; 981 ms wall),
//   floor 1.53x. This machine sets NODE_EXTRA_CA_CERTS (/etc/ssl/certs/ca-certificates.crt): node
//   reads that whole CA file at every start (node::crypto::UseExtraCaCerts, 416 M instructions, 23% of
//   the main thread of explain --json on the 2,000-entry HAR), ~40-50 ms CPU a process, anchor and
//   command alike (node -e 0: 50-60 against 10 ms; the anchor 310 against 270, explain --json 1,300
//   against 1,230 ms, 5 runs each, load 23): without it the row reads ~4.5x, not ~4.2x.
// - Threads (perf record -F 1999 of one run, load ~7): main thread 69% of the samples (~1,060 ms),
//   V8's four workers 31% (~480 ms; TurboFan's compiles and the GC's helpers). Callgrind
//   (--separate-threads=yes, the 2,000-entry HAR): main thread 1.809 G instructions, workers 0.877 G.
//   --trace-opt with --no-concurrent-recompilation: 217 TurboFan compiles, 926 ms summed at load ~8
//   (wall on a loaded core; sessions at load 1 had 320-470), none over ~4% of it: probeTargetOf 40,
//   firstFix 27, readCorsResponseHeadersInto 25 + 8 (compiled twice), refusedResponseStatus 17,
//   checkPreflightResponse 16, computeNeededPolicy 16, then ~200 of 1-15 ms. GC: 23 scavenges and
//   one mark-compact a run.
// - The main thread by phase (perf's samples with JS frames, inclusive, as a share of the main
//   thread; --perf-basic-prof makes V8 refuse the code cache, so ~7% of parse and compile here that a
//   normal run does not pay): the HAR walk 16% (its JSON.parse 9.4), explain() 16% (the stack reading
//   4.4, the probe lines 2.9, the first fix 2.1, explanationWords 2.0), jsonLine 18% (JSON.stringify
//   8.5, the Firefox verdict 3.1, jsonWording 4.1), diagnose 9%, the URL masking 4% (scanUrl 3.2),
//   the grouping 4.5%, the pairing 2.4% and the cache hits 2.4%, GC 4.1%. In the hot functions a
//   third to two fifths of the samples are in Sparkplug's code (explainInScope 4.3 of 10.9%, jsonLine
//   3.9 of 12.6%, the walk's elements 4.7 of 11.1%): under load TurboFan's code lands late. Callgrind:
//   LoadIC 142 M (7.9% of the main thread), the lazy compiles 65 M (1,435 calls, with the cache).
//   As earlier sessions found, no phase beyond JSON.parse and JSON.stringify weighs over ~5%.
// - Tried and dropped:
//   - The code cache made after explain --json and explain of the generated 2,000-entry HAR too (the
//     fixtures' runs first): the cache 812 -> 842 KB, but Compiler::Compile 67.5 -> 68.2 M and the
//     main thread 1.809 -> 1.854 G: the lazy compiles left are not functions the fixtures miss.
//   - scanText (src/export/redact-text.ts) remembering the texts it found clean (returned as
//     written, nothing recorded), per `opaque` (the only input its early exit reads), bounded: the
//     10,000-entry HAR masks 41,262 texts of 513 distinct (URL path segments and values, again in the
//     probe lines), each through the card and key scans and five patterns (session 34's leftover, without
//     a replay: only texts that recorded nothing are kept, and the depth is read past that exit). Outputs (diff.sh)
//     byte-identical; unit tests held the key (a text clean without `opaque` is redacted with it: fails
//     with one set for both) and the skip (no pattern run the second time: fails without the memo).
//     Callgrind with --no-concurrent-recompilation --single-threaded-gc (all threads, 2,000-entry
//     HAR): 2.776 and 2.778 G before, 2.755 and 2.772 G after (-0.2 to -0.8%; RegExpPrototypeTest
//     30.2 -> 23.2 M). CPU A/B against 8ac19f6's build: 0.992 (11 rounds, 6 lower; main thread 1.011)
//     and 0.992 (21 rounds, 12 lower, 9 higher; main thread 0.989, 13 lower; 1,393 -> 1,403 ms
//     medians; load 22-24). Below what the A/B resolves: not kept (on branch
//     s37-P-scan-text-memo, unmerged).
//   - For the record, what TurboFan's compiles of the blocked path's functions are worth: each called
//     once per blocked exchange or fewer (explain --json of the 10,000-entry HAR, counted in a copy:
//     firstFix and computeNeededPolicy 1,647 calls, refusedResponseStatus 1,947, fixOrder 1,994,
//     adviseText 2,852, describeOriginDifferences 602, asWritten 415, matchFingerprints 149; against
//     6,847 for explainInScope, serverSends or reaches), yet compiled, together ~150 of the 926 ms
//     above. A copy of the build with those eight and probeTargetOf never optimized
//     (%NeverOptimizeFunction at their start, node --allow-natives-syntax for both builds, neither
//     with the code cache; outputs identical): CPU A/B 0.995 (15 rounds, 9 lower), workers 0.975 (11
//     lower, 1 higher), main thread 1.011 (1 lower, 12 higher; 970 -> 980 ms), load 23-24; callgrind
//     (2,000-entry HAR, one run each) main thread 2.047 -> 2.059 G, workers 1.015 -> 1.040 G (their
//     callees compiled on their own instead, 211 -> 214 compiles). What the workers save the main
//     thread pays back running them in Sparkplug: no lever there either.
// - Left: TurboFan on the workers (~30% of the CPU) is spread over ~200 functions, and keeping a
//   function from it costs the main thread about what it saves (above, and the flags of sessions 26,
//   27, 32 and 33). The main thread's phases are each 2-18%, JSON.parse and JSON.stringify the two
//   largest single parts; a memo per part saves about what its key costs. What would move the row is
//   less JavaScript run per exchange altogether, not a faster part.
//
// Session 38 (2026-12-07, the machine of session 37): the 151 MB row, met at 0.64x on session 31's
// machine, reads 1.60x here for the session's start build (anchor 1,470 ms, explain 2,350 ms): this
// machine's JSON.parse is 2.4-3.4x faster and the JIT-heavy work is not. A main-thread profile of
// explain (text) put the PASSED advice's full diagnose() of every allowed exchange at ~6% (4,972
// full diagnoses of the 10,000-entry HAR; now 76: diagnoseCause carries the same replay's
// advisories, held equal to diagnose's by test/unit/diagnose-cause.test.ts) and explain's URL
// masking at ~8% (now once per distinct URL). Instruction counts under callgrind with
// node --single-threaded (steady: 5.674 / 5.670 G for the start build on the 10,000-entry HAR):
// 5.346 / 5.515 G after both. The session's masking of secret-shaped methods then added ~3%
// (withMethodsMasked, every header name lower-cased and every method list judged per exchange;
// now a length check and a bounded set of shapeless values). Interleaved, 4 rounds each on the
// 151 MB HAR: 2.66 -> 2.44 s CPU (0.92x). The ROW itself: 1.55x and 1.64x in two runs (±5-11%).
//
// Session 39 (2026-12-07, the same machine; up to eight helpers loading both cores until 06:05Z,
// so the figures before then are loaded ones). The 151 MB row: a profile by thread (perf record,
// node --perf-basic-prof) put V8's background threads at ~25% of the run's CPU, TurboFan's
// compiling ~16% and the parallel scavenger ~5% of it; on the main thread JSON.parse of the entries
// ~25%, no other function over ~4%. V8 flags, built into the launcher's flags with their own code
// cache (accepted): --max-inlined-bytecode-size-cumulative=150 0.995, --no-turbo-inlining 1.009,
// --interrupt-budget=300000 1.096 (later TurboFan: slower); on node's command line
// --single-threaded-gc 1.079, --min-semi-space-size=32 1.134, --single-threaded 1.084 (5 rounds each
// at load 6-9: noise of ±10%; none a gain). Callgrind (node --single-threaded) is NOT steady to
// 0.1% on this HAR: the start build gave 14.599 and 14.419 G in two runs (1.2% apart), so only
// differences well past that count. Changed: HeaderNameMasking looks at each shared header line
// once (a WeakSet of lines; before, every line of every exchange was lower-cased and its name
// looked up, and name lists split): 13.976 G (-3.1 to -4.3%), 0.955x CPU interleaved (5 rounds,
// 0.84-1.12). Tried and dropped: explain's URL memo at 16,384 URLs (the HAR has 9,813 distinct;
// the memo holds 4,096 and clears when full): 14.129 G, no gain past the noise. The merged build
// (with the session's new checks: the origin the server allows, the layers sending CORS lines)
// against the start build: 1.008 (5 rounds). The ROW: 1.71x (06:07Z) and 1.62x (06:37Z).
//
// Session 40 (2026-12-07, the same machine, helpers loading it until 09:25Z). The 151 MB row, what
// a profile by function showed done again per request: explain's URL masking memo held 4,096 URLs
// and was emptied every 4,096 new ones (the HAR has 9,813 distinct URLs): now 16,384 and at most
// 4 Mi key characters (callgrind with the server configuration's change below: 15.21 -> 14.62 G);
// the server configuration (addToNeed) read each request's CORS answers again: a one-hop request's
// are now read once per distinct set of access-control-* lines (answersKey) and not added again to
// a configuration that took them; serverOriginsAt parsed the hop's URL and made a Set per request
// (14.16 G); the new host-part check remembered 4,096 values (14.11 -> 13.77 G with 16,384).
// Interleaved CPU, 10 rounds: the memos 0.962x the start build; the later merges 1.007x, of which
// a spread copy of each diagnosis into causeOf's fields 4% (0.961x once removed, 8 rounds).
// maglev 0.98x, --always-sparkplug 1.035x (3 rounds each): not taken. Callgrind's count fell more
// than the CPU time did: much of what went was cheap work beside the JSON.parse and the memory it
// touches. The row at 09:29-09:30Z: 1.52x and 1.48x.
//
// Session 41 (2026-12-07, the same machine). No change aimed at speed. The 151 MB row read 1.55x at
// 12:03Z (anchor 1,260, explain 1,950 ms CPU), then 1.65x and 1.69x at 12:52-12:54Z after the
// session's merges (anchor 1,300 / 1,350, explain 2,150 / 2,280 ms); interleaved with the session's
// start build (14b8cda) the final build read 0.992x its CPU (10 rounds, 0.92-1.08), an earlier
// 8-round try 1.012x with rounds 0.90-1.11: the machine's hour, not the change. explain --json
// 4.76x, then 4.94x and 5.90x (spreads up to 14%). Found, not worked on: explain's masking of what it
// prints (withUrlSecretsMasked, withMethodsMasked, the header names) is ~7% of the 151 MB run's CPU
// though it changes none of that HAR's values: --include-secrets, which skips it, read 0.927x (8
// interleaved rounds) and 0.853x (5). A profile puts ~140 ms of the main thread there: the URL
// memo's look-ups with each entry's own URL strings (~50 ms), three passes over the header lines
// (~60 ms), hosts.see. One pass over the lines, each line's verdict for all three maskings kept
// beside it, would take perhaps half of it; the memo's cost needs URLs shared by the reader, as
// header lines are.
//
// Session 42 (2026-12-07, the same machine). On the 151 MB row, only explain's masking, measured
// apart in one process (tsx, process.cpuUsage, medians of 12 passes, tests running beside it) on
// the 30,753 cross-origin exchanges of the 151 MB HAR: ~100 ms in all, the URLs and origins
// (withUrlSecretsMasked) ~47 ms, the methods (withMethodsMasked) ~39 ms, the header names ~12 ms.
// Kept: the methods pass makes no Map and no list for an exchange with no method to rename, and
// tells method-valued names by an array read by length (39 -> 29 ms there); the first hop's URL is
// masked once, not twice. Tried and dropped: the HAR reader giving one string per distinct URL
// (a map beside HeaderLines), so that every later map keyed by URL compares one string: the
// masking, interned or fed fresh copies, read the same (6 alternations), and the whole run 1.000x
// (10 interleaved rounds). A fused pass over the lines for all three maskings would save the two
// other walks over ~35 lines an exchange, ~40 ms by the figures above (~2% of the run): not tried.
// Callgrind (main thread, explain of the 10,000-entry HAR, one run each, two pairs): start build
// 3.88 and 3.78 G, after the first merges 3.68 and 3.84 G, the masking change alone 3.74 G: inside
// the runs' own spread. The rows at 15:27-15:28Z, nothing else running: 151 MB 1.59x (anchor 1,370,
// explain 2,180 ms CPU); interleaved with the start build the final one read 1.023x (10 rounds,
// 0.86-1.15). explain --json 4.90x, floor 1.54x. --version 1.28x. Peak memory 1.09x. Again at
// 15:51-15:54Z, a faster half hour: 151 MB 1.49x, 1.51x, 1.49x, 1.57x (median of all five 1.51x:
// at the goal, not decided); explain --json 4.86x, floor 1.57x; decide() 0.70 / 1.24 M/s.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigHar } from './big-har.ts';
import { generateHar } from './generate-har.ts';

const TIME = '/usr/bin/time';
const BIN = fileURLToPath(new URL('../bin/cors-inspector.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist-cli/cors-inspector.js', import.meta.url));
const bigMegabytes = Number(process.argv[2] ?? 139);

// The floor: the file read, parsed whole, and every header of every entry looked at once.
const ANCHOR = `import { readFileSync } from 'node:fs';
const har = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let sink = 0;
for (const entry of har.log.entries) {
  for (const header of entry.request.headers) sink += header.name.length + header.value.length;
  for (const header of entry.response.headers) sink += header.name.length + header.value.length;
}
if (sink === -1) console.log(sink);
`;

// The floor of `explain --json`: the anchor's work, then the command's own output (argv[3]) made
// into objects again and written as the command writes it (a line per exchange, pieces of 64 KiB).
// Making those objects (reading and parsing argv[3]) is no part of the floor: its CPU time is
// measured in-process and printed on stderr for the bench to subtract.
const FLOOR = `import { readFileSync } from 'node:fs';
function anchor(path) {
  const har = JSON.parse(readFileSync(path, 'utf8'));
  let sink = 0;
  for (const entry of har.log.entries) {
    for (const header of entry.request.headers) sink += header.name.length + header.value.length;
    for (const header of entry.response.headers) sink += header.name.length + header.value.length;
  }
  return sink;
}
const sink = anchor(process.argv[2]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const before = cpu();
const output = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const excluded = cpu() - before;
let piece = [];
let size = 0;
let written = 0;
const put = (text) => {
  piece.push(text);
  size += text.length;
  if (size < 65536) return;
  const joined = piece.join('');
  written += joined.length;
  process.stdout.write(joined);
  piece = [];
  size = 0;
};
put('{"exchanges": [\\n');
output.exchanges.forEach((exchange, i) => put((i === 0 ? '' : ',\\n') + JSON.stringify(exchange)));
const { exchanges, ...rest } = output;
put('\\n], ' + JSON.stringify(rest).slice(1) + '\\n');
const joined = piece.join('');
written += joined.length;
process.stdout.write(joined);
if (sink === -1) console.log(sink);
process.stderr.write('floor: excluded ' + excluded + ' ms, wrote ' + written + ' characters\\n');
`;

interface Run {
  cpu: number;
  wall: number;
  /** Peak resident memory, bytes (NaN without GNU time). */
  peak: number;
  /** What the process printed on stderr. */
  stderr: string;
}

const timed = existsSync(TIME);

/** One process, its output thrown away; GNU time's figures written to `report`. */
function run(args: string[], report: string): Run {
  const start = performance.now();
  const child = timed
    ? spawnSync(TIME, ['-o', report, '-f', '%U %S %M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr.toString().trim().slice(0, 500)}`);
  const stderr = child.stderr.toString();
  if (!timed) return { cpu: wall, wall, peak: Number.NaN, stderr };
  const [user, system, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  return { cpu: (user + system) * 1000, wall, peak: kilobytes * 1024, stderr };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `rounds` of anchor then command, interleaved, after one of each not counted (caches warm up). */
function compare(anchorArgs: string[], commandArgs: string[], rounds: number, report: string): { anchor: Run[]; command: Run[] } {
  const [anchor, command] = interleaved([anchorArgs, commandArgs], rounds, report) as [Run[], Run[]];
  return { anchor, command };
}

/** `rounds` of each process in turn, after one of each not counted (caches warm up). */
function interleaved(processes: string[][], rounds: number, report: string): Run[][] {
  for (const args of processes) run(args, report);
  const runs: Run[][] = processes.map(() => []);
  for (let i = 0; i < rounds; i++) processes.forEach((args, p) => runs[p]!.push(run(args, report)));
  return runs;
}

/** The spread of a series: (max - min) / median, as a percentage. */
function noise(values: number[]): string {
  return `±${(((Math.max(...values) - Math.min(...values)) / 2 / median(values)) * 100).toFixed(0)}%`;
}

function row(measure: string, measured: number, unit: string, goal: number): void {
  console.log(`ROW | ${measure} | ${measured.toFixed(2)}${unit} | goal <= ${goal}${unit} | ${measured <= goal ? 'met' : 'not met'}`);
}

function detail(name: string, runs: Run[]): string {
  const cpu = runs.map((r) => r.cpu);
  // Without GNU time `cpu` holds the wall time: said so rather than labelled CPU.
  return `${name} ${median(cpu).toFixed(0)} ms ${timed ? 'CPU' : 'wall (no CPU time: GNU time missing)'} (${noise(cpu)}), ${median(runs.map((r) => r.wall)).toFixed(0)} ms wall`;
}

if (!existsSync(BUILT)) {
  console.log('cli speed: skipped (the CLI is not built: npm run build:cli)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-cli-speed-'));
  try {
    const anchor = join(dir, 'anchor.mjs');
    const report = join(dir, 'time.txt');
    writeFileSync(anchor, ANCHOR);
    const measure = timed ? 'CPU time' : 'wall time';

    // 1. explain --json, 10,000 entries; beside it, the floor of writing its output.
    const small = join(dir, 'devtools-10k.har');
    writeFileSync(small, generateHar(10_000));
    const output = join(dir, 'explain-10k.json');
    const floorScript = join(dir, 'floor.mjs');
    writeFileSync(floorScript, FLOOR);
    const outputFd = openSync(output, 'w');
    const written = spawnSync(process.execPath, [BIN, 'explain', '--json', small], { stdio: ['ignore', outputFd, 'pipe'] });
    closeSync(outputFd);
    if (written.status !== 0) throw new Error(`explain --json exited with ${written.status}: ${written.stderr.toString().trim().slice(0, 500)}`);
    const [anchorRuns, commandRuns, floorRuns] = interleaved([[anchor, small], [BIN, 'explain', '--json', small], [floorScript, small, output]], 5, report) as [Run[], Run[], Run[]];
    const json = { anchor: anchorRuns, command: commandRuns };
    console.log(`cli speed: ${(statSync(small).size / 1e6).toFixed(1)} MB, 10,000 entries; ${detail('read+JSON.parse+pass', json.anchor)}; ${detail('explain --json', json.command)} (medians of 5, ${measure})`);
    row('explain --json, 10,000-entry HAR, vs. node read + JSON.parse + one pass over headers', median(json.command.map((r) => r.cpu)) / median(json.anchor.map((r) => r.cpu)), 'x', 1.5);
    // The floor's own CPU time less the making of its objects (printed by the floor process, as
    // CPU time): subtracted from a wall time it would mean nothing, so without GNU time no floor.
    if (timed) floorRow(floorRuns, output, json.anchor);
    else console.log('cli speed: floor of explain --json skipped (GNU time missing: CPU time cannot be read)');

    // 2. explain on a big HAR.
    if (bigMegabytes > 0) bigHar(dir, anchor, report, measure);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor of explain --json: the anchor, then JSON.stringify and write of the command's own output. */
function floorRow(floorRuns: Run[], output: string, anchorRuns: Run[]): void {
  const excluded = (r: Run): number => Number(/excluded ([\d.]+) ms/.exec(r.stderr)?.[1] ?? Number.NaN);
  const floor = floorRuns.map((r) => ({ ...r, cpu: r.cpu - excluded(r) }));
  const characters = /wrote (\d+) characters/.exec(floorRuns[0]!.stderr)?.[1] ?? '?';
  const outputSize = `${(statSync(output).size / 1e6).toFixed(1)} MB`;
  console.log(`cli speed: floor (read+JSON.parse+pass, then JSON.stringify and write of explain --json's output, ${outputSize}; the floor wrote ${Number(characters).toLocaleString('en-US')} characters) ${detail('floor', floor)}, the making of its objects (${median(floorRuns.map(excluded)).toFixed(0)} ms) left out`);
  console.log(`ROW | floor of explain --json: node read + JSON.parse + one pass + JSON.stringify and write of its ${outputSize} output, vs. the anchor | ${(median(floor.map((r) => r.cpu)) / median(anchorRuns.map((r) => r.cpu))).toFixed(2)}x | goal — | breakdown`);
}

/** `explain` on a big HAR: time against the parse, and peak memory against the file. */
function bigHar(dir: string, anchor: string, report: string, measure: string): void {
  const big = join(dir, 'big.har');
  const written = writeBigHar(big, bigMegabytes * 1e6);
  const size = statSync(big).size;
  const text = compare([anchor, big], [BIN, 'explain', big], 3, report);
  const label = `${(size / 1e6).toFixed(0)} MB, ${written.entries.toLocaleString('en-US')}-entry HAR`;
  console.log(`cli speed: ${label}; ${detail('read+JSON.parse+pass', text.anchor)}; ${detail('explain', text.command)} (medians of 3, ${measure})`);
  row(`explain, ${label}, vs. node read + JSON.parse + one pass`, median(text.command.map((r) => r.cpu)) / median(text.anchor.map((r) => r.cpu)), 'x', 1.5);
  if (timed) {
    const peak = median(text.command.map((r) => r.peak));
    console.log(`cli speed: explain peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (the parse alone: ${(median(text.anchor.map((r) => r.peak)) / 2 ** 20).toFixed(0)} MB)`);
    row(`explain peak memory, ${label}, as a multiple of the file`, peak / size, 'x', 4);
  }
}
