/**
 * The style of the HTML call sheet and report, inline in each page: light and
 * dark on screen (the reader's setting), black on white on paper, A4 or US
 * Letter (the printer's setting: no page size is forced). Only borders and
 * text carry meaning, because browsers leave backgrounds off when printing.
 * ASCII only: the page's Content-Security-Policy allows this text by its hash.
 */
export const pageStyle = `:root {
  color-scheme: light dark;
  --fg: #1c1c21; --bg: #ffffff; --muted: #585863; --line: #c4c4cc; --box: #2b2b33;
  --take: #17713a; --cond: #8a5300; --decline: #b02a20; --undecided: #1d5a88;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e9e9ee; --bg: #17171b; --muted: #a9a9b6; --line: #4b4b57; --box: #d0d0da;
    --take: #72d491; --cond: #f1c265; --decline: #ff8f84; --undecided: #8fc9f2;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 48rem; padding: 1.25rem 1rem 2rem;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); overflow-wrap: anywhere;
}
h1 { font-size: 1.45rem; line-height: 1.2; margin: 0 0 .6rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .6rem; padding-bottom: .15rem; border-bottom: 1px solid var(--line); break-after: avoid; }
p { margin: .35rem 0; }
ul { margin: .3rem 0; padding-left: 1.3rem; }
li { margin: .2rem 0; break-inside: avoid; }
.muted, .kind, .id, .qid { color: var(--muted); }
.qid { display: inline-block; max-width: 100%; }
.id, .qid { font: .74em/1.2 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.lines { white-space: pre-line; }
.fields { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; margin: .6rem 0 .8rem; }
.field { display: flex; align-items: flex-end; gap: .4rem; flex: 1 1 13rem; }
.field b { white-space: nowrap; }
.blank { flex: 1; min-width: 6rem; border-bottom: 1px solid var(--box); height: 1.3em; }
.how { color: var(--muted); font-size: .92em; }
.q { margin: .7rem 0; padding: .55rem .7rem .6rem; border: 1px solid var(--line); border-radius: 6px; break-inside: avoid; }
.q-head { font-weight: 600; margin: 0; }
.q-head .kind { font-weight: 400; font-size: .9em; }
.q-head .qid { font-weight: 400; margin-left: .35em; }
.asked-when, .listen { font-size: .92em; }
.listen b, .asked-when b { color: var(--fg); }
.listen { color: var(--muted); }
.boxes { list-style: none; padding: 0; margin: .45rem 0 .2rem; }
.boxes li { display: flex; align-items: baseline; gap: .5em; margin: .28rem 0; }
.box { flex: none; display: inline-block; width: .9em; height: .9em; border: 1.5px solid var(--box); border-radius: 2px; position: relative; top: .1em; }
.box.round { border-radius: 50%; }
.boxes .id { margin-left: .25em; }
.weights { color: var(--muted); font-size: .85em; font-style: italic; }
.unknown { color: var(--muted); }
.scale { display: flex; flex-wrap: wrap; gap: .35rem 1.1rem; }
.scale li { margin: .2rem 0; }
.ends { font-size: .88em; color: var(--muted); margin: 0; }
.words { margin-top: .45rem; }
.words .label { font-size: .85em; color: var(--muted); }
.rule { border-bottom: 1px solid var(--line); height: 1.75em; }
.follow { margin: .2rem 0 .2rem 1.1rem; padding-left: .8rem; border-left: 2px solid var(--line); }
.only-if { margin: .5rem 0 -.35rem; font-size: .9em; font-style: italic; color: var(--muted); break-after: avoid; }
.then { font-size: .88em; color: var(--muted); }
.verdict { border: 2px solid var(--accent, var(--line)); border-radius: 8px; padding: .8rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
.verdict.take { --accent: var(--take); }
.verdict.take-with-conditions { --accent: var(--cond); }
.verdict.decline { --accent: var(--decline); }
.verdict.undecided { --accent: var(--undecided); }
.badge { display: inline-block; font-weight: 700; letter-spacing: .02em; padding: .1em .55em; border: 2px solid var(--accent); color: var(--accent); border-radius: 4px; }
.verdict h1 { margin: .5rem 0 .6rem; }
.summary { display: grid; grid-template-columns: max-content 1fr; gap: .3rem .9rem; margin: 0; }
.summary dt { font-weight: 600; }
.summary dd { margin: 0; min-width: 0; }
.evidence li, .flags li, .changes > li { margin: .45rem 0; }
.weight { font-weight: 700; font-variant-numeric: tabular-nums; }
.plus { color: var(--take); }
.minus { color: var(--decline); }
.answer { color: var(--muted); }
.answer q, .quote { color: var(--fg); }
.flags { list-style: none; padding-left: 0; }
.mark { font-weight: 700; margin-right: .3em; }
.mark.red { color: var(--decline); }
.mark.green { color: var(--take); }
.changes ul { list-style: none; padding-left: .8rem; }
.footer { margin-top: 1.6rem; font-size: .85em; color: var(--muted); border-top: 1px solid var(--line); padding-top: .5rem; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid var(--line); }
@media (max-width: 30rem) {
  body { padding: .9rem .7rem 1.5rem; }
  .summary { grid-template-columns: 1fr; gap: 0 0; }
  .summary dd { margin-bottom: .35rem; }
  .follow { margin-left: .4rem; padding-left: .55rem; }
}
@page {
  margin: 17mm 14mm 16mm;
  @top-left { font: 8.5pt/1.2 system-ui, Arial, sans-serif; color: #444; white-space: pre; }
  @bottom-right { font: 8pt/1.2 system-ui, Arial, sans-serif; color: #444; }
}
@media print {
  :root {
    --fg: #000; --bg: #fff; --muted: #404048; --line: #8a8a94; --box: #000;
    --take: #17713a; --cond: #7a4a00; --decline: #a3231b; --undecided: #1d5a88;
  }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { margin-top: 1rem; }
  .q { margin: .45rem 0; padding: .4rem .6rem .45rem; }
  .rule { height: 1.6em; }
}
`;
