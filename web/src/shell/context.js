// What every view module (tab) receives: the one place that documents how tabs talk to each other.
//
// A tab is web/src/tabs/<id>/tab.js exporting `mount(panel, ctx)`; it may return { show(), hide() },
// called when the learner switches to / away from it. Tabs are listed in shell/tabs.js; a tab whose
// file does not exist yet is simply not offered.
//
// ctx = {
//   client,   // worker_client.js EngineClient: call(type, args) -> Promise (protocol.js). ONE shared
//             // engine session: the playground's network. Only the playground configures it.
//   state,    // url_state.js UrlState: get(), set(patch), subscribe(fn(state, changed)), link()
//   info,     // { version, configSchema } of the loaded engine
//   message,  // views/message.js: show(text, 'error' | 'note'), clear()
//   bus,      // EventTarget; events are CustomEvents whose `detail` is given below:
//             //   'snapshot'  { snapshot, history }  after every change of the playground's network
//             //   'trace'     { trace, snapshot }    after a traced step (the walk-through)
//             //   'select'    { key }                a weight / bias was clicked in the network drawing
//             //   'highlight' { keys }               ask the playground's network drawing to emphasise
//             //                                      these keys (views/network.js documents keys)
//   playground, // set by the playground tab once mounted:
//             //   stepTraced(granularity) -> Promise<trace>  (also updates the page, emits 'trace')
//             //   latest() -> { snapshot, history }          pause()   showTab(id)
//             //   extraSlot: an element under the playground where another module may mount a panel
// }
export function createContext({ client, state, info, message }) {
  return { client, state, info, message, bus: new EventTarget(), playground: null };
}

export function emit(ctx, type, detail) {
  ctx.bus.dispatchEvent(new CustomEvent(type, { detail }));
}
