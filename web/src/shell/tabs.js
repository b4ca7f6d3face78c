// The views of the page as tabs. Each tab's module is loaded on first use (so KaTeX and the like do
// not weigh on the first load) from web/src/tabs/<id>/tab.js; a tab whose module does not exist yet
// is not shown. The current tab is the URL's `view` row. Keyboard: arrow keys move between tabs.
const TABS = [
  { id: 'playground', title: 'Playground' },
  { id: 'walkthrough', title: 'Walk-through' },
  { id: 'calculator', title: 'Calculator' },
  { id: 'lessons', title: 'Lessons' },
];

// Vite turns this into { './tabs/<id>/tab.js': () => import(...) } for the files that exist.
const modules = import.meta.glob('../tabs/*/tab.js');

export function createTabs({ tablist, panels, ctx }) {
  const available = TABS.filter((t) => modules[`../tabs/${t.id}/tab.js`]);
  const entries = new Map();
  for (const tab of available) {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = `tab-${tab.id}`;
    button.textContent = tab.title;
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', `panel-${tab.id}`);
    button.addEventListener('click', () => ctx.state.set({ view: tab.id }));
    button.addEventListener('keydown', (e) => {
      const k = available.indexOf(tab);
      const move = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (!move) return;
      const next = available[(k + move + available.length) % available.length];
      ctx.state.set({ view: next.id });
      entries.get(next.id).button.focus();
    });
    const panel = document.createElement('section');
    panel.id = `panel-${tab.id}`;
    panel.className = `panel panel-${tab.id}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', button.id);
    panel.hidden = true;
    tablist.append(button);
    panels.append(panel);
    entries.set(tab.id, { tab, button, panel, view: null, loading: null });
  }

  let current = null;
  async function show(id) {
    const entry = entries.get(id) ?? entries.get('playground');
    if (current && current !== entry) {
      current.panel.hidden = true;
      current.view?.hide?.();
    }
    for (const e of entries.values()) {
      const selected = e === entry;
      e.button.setAttribute('aria-selected', String(selected));
      e.button.tabIndex = selected ? 0 : -1;
    }
    current = entry;
    entry.panel.hidden = false;
    if (!entry.loading) {
      entry.loading = modules[`../tabs/${entry.tab.id}/tab.js`]()
        .then((mod) => mod.mount(entry.panel, ctx))
        .then((view) => { entry.view = view ?? null; });
    }
    await entry.loading;
    if (current === entry) entry.view?.show?.();
  }

  // Embedding: `hide` may name tabs (their buttons go; a link can still open their view) or 'tabs' (the bar).
  function applyHidden(names) {
    for (const e of entries.values()) e.button.hidden = names.includes(e.tab.id);
    tablist.closest('nav').hidden = names.includes('tabs');
  }

  ctx.showTab = (id) => ctx.state.set({ view: id });
  ctx.state.subscribe((state, changed) => {
    if (changed.includes('view')) show(state.view);
    if (changed.includes('hide')) applyHidden(state.hide);
  });
  applyHidden(ctx.state.get().hide);
  return { show, ready: show(ctx.state.get().view) };
}
