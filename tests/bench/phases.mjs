// Where a paste's time goes, from a Chromium trace of the renderer's main
// thread: for each Ctrl+V, the keydown task's parts (the page's paste
// listener, the browser inserting the text, the page's input listener, the
// render its microtask runs, the layout forced after it) and the frame that
// paints the result. A diagnosis for the paste figures, not a target.

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute', 'cc', 'toplevel'];

export const PHASES = [
  ['paste', 'paste listener'],
  ['insert', 'text inserted (browser)'],
  ['inputJs', 'input listener'],
  ['render', 'render (its microtask)'],
  ['forcedLayout', 'layout forced after input'],
  ['task', 'whole keydown task'],
  ['frame', 'next frame (style, layout, paint)'],
];

/** Runs `pastes()` while tracing `page`; one phase record per Ctrl+V. */
export async function tracePastes(browser, page, pastes) {
  let buffer;
  await browser.startTracing(page, { categories: CATEGORIES });
  try {
    await pastes();
  } finally {
    buffer = await browser.stopTracing();
  }
  return phasesOf(JSON.parse(buffer.toString('utf8')));
}

function phasesOf(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threadNames = new Map();
  const counts = new Map();
  for (const e of events) {
    const id = `${e.pid}:${e.tid}`;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(id, e.args.name);
  }
  // The page's renderer is the busiest renderer main thread.
  const main = [...threadNames].filter(([, n]) => n === 'CrRendererMain').map(([id]) => id)
    .sort((a, b) => counts.get(b) - counts.get(a))[0];
  const xs = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  const type = (e) => e.args?.data?.type;
  const within = (outer) => xs.filter((e) => e.ts >= outer.ts && e.ts <= outer.ts + outer.dur);
  const out = [];
  for (const key of xs.filter((e) => e.name === 'EventDispatch' && type(e) === 'keydown')) {
    const inside = within(key);
    const paste = inside.find((e) => e.name === 'EventDispatch' && type(e) === 'paste');
    const input = inside.find((e) => e.name === 'EventDispatch' && type(e) === 'input');
    if (!paste) continue;
    const inInput = input ? within(input) : [];
    const end = key.ts + key.dur;
    const frame = xs.find((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ts >= end);
    const ms = (us) => us / 1000;
    out.push({
      paste: ms(paste.dur),
      insert: ms(inside.filter((e) => e.name === 'ReplaceSelectionCommand::doApply').reduce((s, e) => s + e.dur, 0)),
      inputJs: ms(inInput.find((e) => e.name === 'FunctionCall')?.dur ?? 0),
      render: ms(inInput.find((e) => e.name === 'RunMicrotasks')?.dur ?? 0),
      forcedLayout: ms(inside.filter((e) => e.name === 'Document::UpdateStyleAndLayout' && input && e.ts >= input.ts + input.dur)
        .reduce((s, e) => s + e.dur, 0)),
      task: ms(key.dur),
      frame: ms(frame?.dur ?? 0),
    });
  }
  return out;
}
