/**
 * Client side of the Explore page: reads the selection from the URL into the form, fetches the
 * chosen periods' published cell states, runs the figures stage on them in the browser (the
 * same modules the build runs: figures/explore-figures.ts) and writes the figures with DOM
 * text nodes only — data never becomes markup. Each change of the form recomputes, replaces
 * the URL's query (so the address is always a link to what is shown) and announces the
 * result in the page's live region. The figures modules load on demand, beside the data.
 */
import type { ExplorePeriod } from '../../figures/explore-period.ts';
import { buildExploreView, type Part } from './build-explore.ts';
import type { ExploreClientConfig } from './explore-config.ts';
import {
  exploreSelectionOf,
  readSelection,
  writeSelection,
  type SelectionSpace,
  type UrlSelection,
} from './selection-url.ts';

/** Resolves in a later task: what comes after it runs after the browser has handled input. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Writes parts as text, each figure in a span carrying its path and full-precision value. */
function appendParts(parent: HTMLElement, parts: readonly Part[]): void {
  for (const part of parts) {
    if (typeof part === 'string') parent.append(part);
    else {
      const span = element(
        'span',
        { 'data-figure': part.figure, 'data-value': String(part.value) },
        part.text,
      );
      parent.append(span);
    }
  }
}

/** Starts the page whose root is `#explore`; does nothing elsewhere. */
export function startExplore(): void {
  const root = document.getElementById('explore');
  const configScript = document.getElementById('explore-config');
  if (!root || !configScript?.textContent) return;
  const config = JSON.parse(configScript.textContent) as ExploreClientConfig;
  const form = root.querySelector<HTMLFormElement>('form.explore-form')!;
  const status = root.querySelector<HTMLElement>('#explore-status')!;
  const results = root.querySelector<HTMLElement>('#explore-results')!;
  const link = root.querySelector<HTMLAnchorElement>('#explore-link')!;
  const space: SelectionSpace = {
    periods: config.periods.map((p) => p.id),
    dimensions: config.dimensions,
    from: config.from,
    to: config.to,
  };
  const modules = Promise.all([
    import('../../figures/explore-figures.ts'),
    import('../../figures/explore-period.ts'),
  ]);
  const loaded = new Map<string, Promise<ExplorePeriod>>();
  const load = (id: string): Promise<ExplorePeriod> => {
    let period = loaded.get(id);
    if (!period) {
      const url = config.periods.find((p) => p.id === id)!.url;
      period = Promise.all([fetch(url), modules]).then(async ([response, [, codec]]) => {
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        const json: unknown = await response.json();
        await nextTask();
        return codec.decodeExplorePeriod(json);
      });
      loaded.set(id, period);
    }
    return period;
  };

  const fromForm = (): UrlSelection => {
    const data = new FormData(form);
    const levels: Record<string, string[]> = {};
    for (const d of config.dimensions) {
      const chosen = data.getAll(d.id).map(String);
      if (chosen.length > 0 && chosen.length < d.levels.length) levels[d.id] = chosen;
    }
    let from = String(data.get('from-period') ?? config.from);
    let to = String(data.get('to-period') ?? config.to);
    if (space.periods.indexOf(from) > space.periods.indexOf(to)) [from, to] = [to, from];
    return { from, to, levels };
  };
  const toForm = (selection: UrlSelection) => {
    for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      box.checked = selection.levels[box.name]?.includes(box.value) ?? false;
    const from = form.querySelector<HTMLSelectElement>('select[name="from-period"]');
    const to = form.querySelector<HTMLSelectElement>('select[name="to-period"]');
    if (from) from.value = selection.from;
    if (to) to.value = selection.to;
  };

  let run = 0;
  const update = async (selection: UrlSelection) => {
    const mine = ++run;
    const query = writeSelection(selection, space);
    history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
    link.href = `${location.pathname}${query}`;
    results.setAttribute('aria-busy', 'true');
    try {
      const wanted = exploreSelectionOf(selection, space);
      const [periods, [figuresModule]] = await Promise.all([
        Promise.all(wanted.periods.map(load)),
        modules,
      ]);
      // Computing and drawing in several short tasks leaves the page responsive to input.
      const steps = figuresModule.exploreFigureSteps(periods, wanted);
      let step = steps.next();
      while (!step.done) {
        await nextTask();
        if (mine !== run) return;
        step = steps.next();
      }
      await nextTask();
      if (mine !== run) return;
      await render(buildExploreView(step.value, config.locale), () => mine !== run);
    } catch (error) {
      if (mine !== run) return;
      results.replaceChildren(
        element(
          'p',
          { class: 'notice' },
          `The figures could not be computed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      status.textContent = 'The figures could not be computed.';
    } finally {
      if (mine === run) results.removeAttribute('aria-busy');
    }
  };

  /** Draws a view, a section per task; stops when `stale` says a newer one is coming. */
  const render = async (view: ReturnType<typeof buildExploreView>, stale: () => boolean) => {
    const out: HTMLElement[] = [element('h2', { id: 'explore-title' }, view.title)];
    if (view.message) {
      out.push(element('p', { class: 'notice', 'data-suppressed': 'true' }, view.message));
    }
    for (const fact of view.facts) {
      const p = element('p', { class: 'meta' });
      appendParts(p, fact);
      out.push(p);
    }
    results.replaceChildren(...out);
    for (const section of view.sections) {
      await nextTask();
      if (stale()) return;
      const box = element('section', {
        'data-section': section.id,
        'aria-labelledby': `explore-${section.id}`,
      });
      box.append(element('h3', { id: `explore-${section.id}` }, section.title));
      for (const note of section.notes) {
        const p = element('p');
        appendParts(p, note);
        box.append(p);
      }
      if (section.table) {
        const wrap = element('div', {
          class: 'table-wrap',
          tabindex: '0',
          role: 'region',
          'aria-label': section.table.caption,
        });
        // Explicit roles: the phone layout stacks the cells (CSS display), which would drop
        // a table's semantics in some browsers.
        const table = element('table', { role: 'table' });
        table.append(element('caption', { class: 'visually-hidden' }, section.table.caption));
        const { head } = section.table;
        const headRow = element('tr', { role: 'row' });
        for (const label of head)
          headRow.append(element('th', { scope: 'col', role: 'columnheader' }, label));
        const thead = element('thead', { role: 'rowgroup' });
        thead.append(headRow);
        table.append(thead);
        const body = element('tbody', { role: 'rowgroup' });
        for (const row of section.table.rows) {
          const tr = element('tr', { role: 'row', 'data-key': row.key });
          if (row.mark) tr.dataset.mark = row.mark;
          tr.append(element('th', { scope: 'row', role: 'rowheader' }, row.header));
          row.cells.forEach((cell, i) => {
            const td = element('td', { role: 'cell', 'data-label': head[i + 1] ?? '' });
            appendParts(td, cell);
            tr.append(td);
          });
          body.append(tr);
        }
        table.append(body);
        wrap.append(table);
        box.append(wrap);
      }
      for (const quote of section.quotes ?? []) {
        const figure = element('figure', { class: 'verbatims' });
        figure.append(element('figcaption', {}, `What customers said: ${quote.theme}`));
        const list = element('ul');
        for (const item of quote.items) {
          const li = element('li');
          li.append(element('blockquote', { 'data-class': item.npsClass }, item.text));
          list.append(li);
        }
        figure.append(list);
        box.append(figure);
      }
      results.append(box);
    }
    status.textContent = view.summary;
  };

  const { selection, ignored } = readSelection(location.search, space);
  toForm(selection);
  const ignoredNote = root.querySelector<HTMLElement>('#explore-ignored')!;
  if (ignored.length > 0) {
    ignoredNote.textContent = `Not on this page, so left out of the selection: ${ignored.join(', ')}.`;
    ignoredNote.hidden = false;
  }
  form.hidden = false;
  root.querySelector<HTMLElement>('.explore-live')!.hidden = false;
  form.addEventListener('change', () => void update(fromForm()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void update(fromForm());
  });
  form.querySelector<HTMLButtonElement>('button[data-clear]')!.addEventListener('click', () => {
    const cleared = { from: config.from, to: config.to, levels: {} };
    toForm(cleared);
    void update(cleared);
  });
  void update(selection);
}
