// One graphql-transport-ws socket per screen (graphql-ws' client): the token in connection_init, every
// subscription of the screen on it, reconnection with exponential back-off and jitter, and the state shown
// in the header (live / reconnecting) so that a wall never shows stale figures as live.
import { createClient } from './lib.js';
import { refusedTokenMessage } from './api.js';
import { signOut, token } from './auth.js';

const MAX_WAIT_MS = 10_000;
/** After a completion that was not the end (the service restarting), the wait before subscribing again. */
const RESUBSCRIBE_MS = 1_000;

/**
 * A browser WebSocket that drops what is sent once it is closing: graphql-ws may still send (a subscription's
 * complete, a ping) in the turn in which the screen disposed of the socket, which the browser discards anyway but
 * reports as a console error.
 */
class ClosingQuietWebSocket extends WebSocket {
  send(data) {
    if (this.readyState === WebSocket.CLOSING || this.readyState === WebSocket.CLOSED) return;
    super.send(data);
  }
}

/**
 * Opens the screen's socket. onState(state, detail) hears 'connecting', 'live', 'reconnecting' (detail: the
 * attempt) and 'refused'; onReconnect() runs after the socket came back, for the screen to refetch what its
 * subscriptions do not carry.
 */
export function openLive({ onState, onReconnect }) {
  let attempt = 0;
  let everConnected = false;
  let disposed = false;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const client = createClient({
    url,
    webSocketImpl: ClosingQuietWebSocket,
    lazy: false,
    keepAlive: 10_000,
    connectionParams: () => ({ Authorization: `Bearer ${token()}` }),
    retryAttempts: Infinity,
    retryWait: async (retries) => {
      attempt = retries + 1;
      onState('reconnecting', attempt);
      const wait = Math.min(MAX_WAIT_MS, 250 * 2 ** retries);
      await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * (wait / 2)));
    },
    shouldRetry: (event) => !refused(event),
    onNonLazyError: () => {},
    on: {
      connecting: () => { if (!disposed) onState(everConnected ? 'reconnecting' : 'connecting', attempt); },
      connected: () => {
        const again = everConnected;
        everConnected = true;
        attempt = 0;
        onState('live');
        if (again) onReconnect?.();
      },
      closed: (event) => {
        if (disposed) {
          onState('idle'); // closed on purpose (the session ended): nothing to reconnect
        } else if (refused(event)) {
          onState('refused');
          signOut(refusedTokenMessage(/invalid-token: ([a-z-]+)/.exec(event.reason ?? '')?.[1]));
        } else if (everConnected) {
          onState('reconnecting', attempt);
        }
      },
    },
  });
  return {
    /**
     * Subscribes; sink: { next(data), complete(), error(err) }. Answers the function that unsubscribes. The service
     * also completes every subscription when it shuts down (a restart: docs/RELIABILITY.md), so a completion is not
     * the end by itself: without sink.complete the subscription is sent again (graphql-ws holds it until the socket is
     * back); sink.complete() answers true when the stream really ended (the screen checked), else it is sent again.
     */
    subscribe(document, variables, sink) {
      let stop = () => {};
      let stopped = false;
      const start = () => {
        stop = client.subscribe({ query: document, variables }, {
          next: (result) => (result.errors?.length ? sink.error?.(result.errors) : sink.next(result.data)),
          complete: async () => {
            const ended = sink.complete ? await sink.complete() : false;
            if (!ended && !stopped && !disposed) setTimeout(() => { if (!stopped && !disposed) start(); }, RESUBSCRIBE_MS);
          },
          error: (error) => sink.error?.(error),
        });
      };
      start();
      return () => {
        stopped = true;
        stop();
      };
    },
    /**
     * Runs a query over the socket and answers { data, errors } (a refusal of the whole operation rejects). The
     * service answers identical queries of one scope that wait together with one execution, each read after its
     * question arrived (docs/SCREENS.md): a wall of screens refetching the same session costs one read, and no token
     * is verified again. Sent when the socket is (back) up.
     */
    query(document, variables) {
      return new Promise((resolve, reject) => {
        let answer = { data: null, errors: [] };
        client.subscribe({ query: document, variables }, {
          next: (result) => { answer = { data: result.data ?? null, errors: result.errors ?? [] }; },
          complete: () => resolve(answer),
          error: (error) => reject(error),
        });
      });
    },
    dispose: () => {
      disposed = true;
      client.dispose();
    },
  };
}

/** The service closes with 4403 (invalid-token: <reason>) or 4401 when the token is refused. */
const refused = (event) => event && typeof event.code === 'number' && (event.code === 4403 || event.code === 4401);
