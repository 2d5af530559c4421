import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where each page writes what its SDK handed to the network: `{ id, name }` per event, kept across pages of the origin. */
export const SENT_EVENTS_KEY = 'pulse-test-sent-events';

/** Where each page writes the beacons it sent: `{ url, type }`, the URL and the body's content type. */
export const SENT_BEACONS_KEY = 'pulse-test-sent-beacons';

/**
 * Records an event in localStorage: it survives the navigation whose pagehide sends the last batch.
 * navigator.sendBeacon is wrapped the same way, only to note each call before the browser's own runs.
 */
const RECORD_SENT = `function pulseTestAppend(key, entry) {
  var list = JSON.parse(localStorage.getItem(key) || '[]');
  list.push(entry);
  localStorage.setItem(key, JSON.stringify(list));
}
function pulseTestRecord(id, name) { pulseTestAppend('${SENT_EVENTS_KEY}', { id: id, name: name }); }
(function () {
  var sendBeacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = function (url, body) {
    pulseTestAppend('${SENT_BEACONS_KEY}', { url: String(url), type: body && body.type !== undefined ? body.type : typeof body });
    return sendBeacon(url, body);
  };
})();`;

/**
 * A page with PostHog's standard snippet (as PostHog's docs give it): it loads `<api_host>/static/array.js`,
 * here Pulse's, then posthog-js initialises with `options`. `before_send` only records each event's uuid.
 * `opt_out_useragent_filter` is what posthog-js itself asks end-to-end tests to set: automated Chromium
 * (navigator.webdriver, "HeadlessChrome") would otherwise be dropped as a bot before anything is sent.
 */
export function postHogPage(pulseUrl: string, writeKey: string, options: Record<string, unknown> = {}): string {
  const init = { api_host: pulseUrl, defaults: '2025-05-24', person_profiles: 'identified_only', opt_out_useragent_filter: true, ...options };
  return `<!doctype html>
<html><head><title>Pricing (PostHog)</title>
<script>
${RECORD_SENT}
!function(t,e){var o,n,p,r;e.__SV||(window.posthog&&window.posthog.__loaded)||(window.posthog=e,e._i=[],e.init=function(i,s,a){function g(t,e){var o=e.split(".");2==o.length&&(t=t[o[0]],e=o[1]),t[e]=function(){t.push([e].concat(Array.prototype.slice.call(arguments,0)))}}(p=t.createElement("script")).type="text/javascript",p.crossOrigin="anonymous",p.async=!0,p.src=s.api_host.replace(".i.posthog.com","-assets.i.posthog.com")+"/static/array.js",(r=t.getElementsByTagName("script")[0]).parentNode.insertBefore(p,r);var u=e;for(void 0!==a?u=e[a]=[]:a="posthog",u.people=u.people||[],u.toString=function(t){var e="posthog";return"posthog"!==a&&(e+="."+a),t||(e+=" (stub)"),e},u.people.toString=function(){return u.toString(1)+".people (stub)"},o="init capture register register_once register_for_session unregister unregister_for_session getFeatureFlag getFeatureFlagPayload isFeatureEnabled reloadFeatureFlags updateEarlyAccessFeatureEnrollment getEarlyAccessFeatures on onFeatureFlags onSurveysLoaded onSessionId getSurveys getActiveMatchingSurveys renderSurvey canRenderSurvey canRenderSurveyAsync identify setPersonProperties group resetGroups setPersonPropertiesForFlags resetPersonPropertiesForFlags setGroupPropertiesForFlags resetGroupPropertiesForFlags reset get_distinct_id getGroups get_session_id get_session_replay_url alias set_config startSessionRecording stopSessionRecording sessionRecordingStarted captureException loadToolbar get_property getSessionProperty createPersonProfile opt_in_capturing opt_out_capturing has_opted_in_capturing has_opted_out_capturing clear_opt_in_out_capturing debug getPageViewId captureTraceFeedback captureTraceMetric".split(" "),n=0;n<o.length;n++)g(u,o[n]);e._i.push([i,s,a])},e.__SV=1)}(document,window.posthog||[]);
var pulseTestOptions = ${JSON.stringify(init)};
pulseTestOptions.before_send = function (event) { pulseTestRecord(event.uuid, event.event); return event; };
posthog.init(${JSON.stringify(writeKey)}, pulseTestOptions);
</script>
</head><body><h1>Pricing</h1></body></html>`;
}

/**
 * A page with Segment's analytics.js snippet (5.2): its `load` inserts the standalone analytics-next
 * bundle, served here by the page's own server as Segment's CDN would, and `_cdn` sends the settings
 * request to Pulse. A source middleware records each message's id. The calls before the bundle
 * loaded are queued by the snippet, as on any site.
 */
export function segmentPage(pulseUrl: string, writeKey: string, loadOptions: Record<string, unknown> = {}): string {
  return `<!doctype html>
<html><head><title>Pricing (Segment)</title>
<script>
${RECORD_SENT}
!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src="/analytics.js/v1/"+key+"/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._writeKey=${JSON.stringify(writeKey)};analytics._cdn=${JSON.stringify(pulseUrl)};analytics.SNIPPET_VERSION="5.2.0";
analytics.addSourceMiddleware(function (context) { pulseTestRecord(context.payload.obj.messageId, context.payload.obj.type + ':' + (context.payload.obj.event || '')); context.next(context.payload); });
analytics.load(${JSON.stringify(writeKey)}, ${JSON.stringify(loadOptions)});
analytics.page();
analytics.track("Demo Requested", { plan: "pro" });
}}();
</script>
</head><body><h1>Pricing</h1></body></html>`;
}

/** A page without any SDK: navigating to it ends the previous page (pagehide). */
export const PLAIN_PAGE = '<!doctype html><html><head><title>Next</title></head><body>next</body></html>';

export interface TestSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * The site under test, on an origin of its own (`http://localhost:<port>`, where Pulse is
 * `http://127.0.0.1:<other port>`): the given pages by path, and the analytics-next standalone bundle at
 * the path Segment's snippet loads it from.
 */
export async function serveTestSite(pages: Record<string, string>): Promise<TestSite> {
  const standalone = readFileSync(require.resolve('@segment/analytics-next/dist/umd/standalone.js'));
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const page = pages[path];
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    } else if (/^\/analytics\.js\/v1\/[^/]+\/analytics\.min\.js$/.test(path)) {
      response.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' }).end(standalone);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps its connections alive
      }),
  };
}
