// The engine-neutral page driver the smoke checks (checks.mjs) are written
// against, and the few waits they need, built only on that interface. Each
// engine (chromium.mjs, firefox.mjs, webkit.mjs) implements it with its own
// automation protocol:
//
//   Engine {
//     name: string                      'chromium' | 'firefox' | 'webkit'
//     version: string                   browser name and version
//     protocol: string                  how it is driven (shown in the report)
//     newPage(): Promise<Page>          a fresh tab with its own storage
//     close(): Promise<void>            ends the browser and anything it started
//     sessionLost?(err): boolean        err says the browser behind the page
//                                       is gone (the runner retries once)
//   }
//   Page {
//     goto(url): Promise<void>          navigates and waits for `load`
//     reload(): Promise<void>           reloads and waits for `load`
//     evaluate(fn, arg?): Promise<any>  runs fn(arg) in the page (fn may be
//                                       async; arg and result are JSON)
//     errors(): Promise<string[]>       uncaught page errors and console.error
//                                       lines seen so far
//     close(): Promise<void>
//   }

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Page over a playwright-core or puppeteer-core page, which share the
 *  events and calls used here; `close` ends its context. */
export function eventPage(page, close) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return {
    goto: async (url) => { await page.goto(url, { waitUntil: 'load' }); },
    reload: async () => { await page.reload({ waitUntil: 'load' }); },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    errors: () => errors,
    close,
  };
}


/** Polls `probe()` (async, returns { ok, actual }) until ok; on timeout throws
 *  `what` with the last value seen. */
export async function poll(probe, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
    } catch (err) {
      // A navigation in progress can make one evaluation fail; try again.
      last = { ok: false, actual: `(${err.message.split('\n')[0]})` };
    }
    if (last.ok) return last.actual;
    if (Date.now() >= deadline) break;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; actual: ${JSON.stringify(last.actual ?? null)}`);
}

/** textContent of the first element matching `selector`, or null. */
export function textOf(page, selector) {
  return page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);
}

/** Waits until the first match's textContent is exactly `expected`. */
export function waitText(page, selector, expected, timeoutMs) {
  return poll(async () => {
    const actual = await textOf(page, selector);
    return { ok: actual === expected, actual };
  }, `${selector} text to be ${JSON.stringify(expected)}`, timeoutMs);
}

/** Waits until `attr` of the first match is `expected`; returns its text. */
export function waitAttr(page, selector, attr, expected, timeoutMs) {
  return poll(async () => {
    const actual = await page.evaluate(({ sel, name }) => {
      const el = document.querySelector(sel);
      return el ? { [name]: el.getAttribute(name), text: el.textContent.trim().slice(0, 200) } : null;
    }, { sel: selector, name: attr });
    return { ok: actual?.[attr] === expected, actual };
  }, `${selector} ${attr}=${JSON.stringify(expected)}`, timeoutMs);
}

/** Waits until `selector` exists (the app has started and rendered). */
export function waitPresent(page, selector, timeoutMs) {
  return poll(async () => {
    const n = await page.evaluate((sel) => document.querySelectorAll(sel).length, selector);
    return { ok: n > 0, actual: `${n} match(es)` };
  }, `an element matching ${selector}`, timeoutMs);
}

/** Sets a textarea's value and fires a bubbling `input`, as pasting does. */
export function setTextarea(page, selector, value) {
  return page.evaluate(({ sel, value }) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`${sel} not found`);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }, { sel: selector, value });
}
