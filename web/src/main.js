// Boots the page: URL state, the engine worker, the shell (tabs). Everything else lives in the tabs.
import './styles.css';
import { UrlState } from './state/url_state.js';
import { adoptEngineSchema } from './state/schema.js';
import { EngineClient } from './worker/worker_client.js';
import { createContext } from './shell/context.js';
import { createTabs } from './shell/tabs.js';
import { createMessage } from './views/message.js';

async function boot() {
  const message = createMessage(document.getElementById('messages'));
  const client = new EngineClient();
  let info;
  try {
    info = await client.call('init');
  } catch (e) {
    document.getElementById('loading').textContent = `The engine could not start: ${e.message}`;
    return;
  }
  document.getElementById('loading').remove();
  adoptEngineSchema(info.configSchema); // the engine says what each config value may be, before the URL is read
  const state = new UrlState(window);
  const reportProblems = () => {
    if (state.problems.length) message.show(`Some settings in the link were not understood: ${state.problems.join('; ')}`, 'note');
  };
  reportProblems();
  window.addEventListener('hashchange', reportProblems); // after UrlState's own listener has parsed it
  const ctx = createContext({ client, state, info, message });
  const tabs = createTabs({
    tablist: document.getElementById('tabs'), panels: document.getElementById('panels'), ctx,
  });
  await tabs.ready;
  document.body.dataset.ready = 'true'; // for the browser tests
}

boot();
