export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'Other';

export interface UserAgentDetails {
  deviceType: DeviceType;
  /** Browser family, or the bot's or HTTP client's name for bots. 'Other' when unknown. */
  browser: string;
  /** Major version ("124"), undefined when the user agent does not say. */
  browserVersion: string | undefined;
  os: string;
  /**
   * Major version for iOS, iPadOS, Android and macOS 11+; the release for older macOS ("10.15") and
   * Windows ("10", "8.1", "7", "XP"; Windows 11 reports itself as 10).
   */
  osVersion: string | undefined;
  isBot: boolean;
}

interface Rule {
  pattern: RegExp;
  name: string;
}

/** Bots and HTTP clients, most specific first; the capture group is the major version. */
const BOT_RULES: readonly Rule[] = [
  { pattern: /Googlebot(?:-[A-Za-z]+)?\/(\d+)/, name: 'Googlebot' },
  { pattern: /AdsBot-Google|Mediapartners-Google|Google-InspectionTool\/(\d+)/, name: 'Googlebot' },
  { pattern: /bingbot\/(\d+)/i, name: 'Bingbot' },
  { pattern: /DuckDuckBot(?:-Https)?\/(\d+)/, name: 'DuckDuckBot' },
  { pattern: /YandexBot\/(\d+)/, name: 'YandexBot' },
  { pattern: /Baiduspider(?:-render)?\/(\d+)/, name: 'Baiduspider' },
  { pattern: /Applebot\/(\d+)/, name: 'Applebot' },
  { pattern: /facebookexternalhit\/(\d+)/, name: 'Facebook crawler' },
  { pattern: /Twitterbot\/(\d+)/, name: 'Twitterbot' },
  { pattern: /LinkedInBot\/(\d+)/, name: 'LinkedInBot' },
  { pattern: /Slackbot(?:-LinkExpanding)? (\d+)/, name: 'Slackbot' },
  { pattern: /AhrefsBot\/(\d+)/, name: 'AhrefsBot' },
  { pattern: /SemrushBot\/(\d+)/, name: 'SemrushBot' },
  { pattern: /GPTBot\/(\d+)/, name: 'GPTBot' },
  { pattern: /HeadlessChrome\/(\d+)/, name: 'HeadlessChrome' },
  { pattern: /^curl\/(\d+)/, name: 'curl' },
  { pattern: /^Wget\/(\d+)/, name: 'Wget' },
  { pattern: /^python-requests\/(\d+)/, name: 'python-requests' },
  { pattern: /^python-httpx\/(\d+)/, name: 'python-httpx' },
  { pattern: /^Python-urllib\/(\d+)/, name: 'Python-urllib' },
  { pattern: /^Go-http-client\/(\d+)/, name: 'Go-http-client' },
  { pattern: /^axios\/(\d+)/, name: 'axios' },
  { pattern: /^node-fetch(?:\/(\d+))?/, name: 'node-fetch' },
  { pattern: /^undici(?:\/(\d+))?/, name: 'undici' },
  { pattern: /^okhttp\/(\d+)/, name: 'okhttp' },
  { pattern: /^PostmanRuntime\/(\d+)/, name: 'PostmanRuntime' },
  { pattern: /^Java\/(\d+)/, name: 'Java' },
  // Generic: "SomethingBot/1.0", a bare "bot" word or a contact URL; not phone names like "CUBOT X30".
  { pattern: /[a-z]bot[/\-;]|\bbot\b|crawler|spider|crawling|slurp|\+https?:\/\//i, name: 'Other bot' },
];

/**
 * Browsers, first match wins: the order matters because most user agents name several families
 * (Edge and Opera also say Chrome and Safari; Chrome also says Safari).
 */
const BROWSER_RULES: readonly Rule[] = [
  { pattern: /^(?=.*(?:FBAN|FBAV|FB_IAB))(?:.*FBAV\/(\d+))?/, name: 'Facebook' },
  { pattern: /Instagram (\d+)/, name: 'Instagram' },
  { pattern: /SamsungBrowser\/(\d+)/, name: 'Samsung Internet' },
  { pattern: /Opera Mini\/(\d+)/, name: 'Opera Mini' },
  { pattern: /OPR\/(\d+)|OPT\/(\d+)|OPiOS\/(\d+)/, name: 'Opera' },
  { pattern: /Opera\/.*Version\/(\d+)|Opera[/ ](\d+)/, name: 'Opera' },
  { pattern: /EdgA?\/(\d+)|EdgiOS\/(\d+)|Edge\/(\d+)/, name: 'Edge' },
  { pattern: /YaBrowser\/(\d+)/, name: 'Yandex Browser' },
  { pattern: /Vivaldi\/(\d+)/, name: 'Vivaldi' },
  { pattern: /UCBrowser\/(\d+)/, name: 'UC Browser' },
  { pattern: /Firefox\/(\d+)|FxiOS\/(\d+)/, name: 'Firefox' },
  { pattern: /; wv\).*Chrome\/(\d+)/, name: 'Chrome WebView' },
  { pattern: /CriOS\/(\d+)/, name: 'Chrome' },
  { pattern: /Chrome\/(\d+)|Chromium\/(\d+)/, name: 'Chrome' },
  { pattern: /Version\/(\d+)[\d.]* (?:Mobile\/\w+ )?Safari\//, name: 'Safari' },
  // iOS apps embedding WKWebView send the WebKit token but neither Version/ nor Safari/.
  { pattern: /(?:iPhone|iPad|iPod).*AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)(?!.*Safari)/, name: 'WebKit WebView' },
  { pattern: /MSIE (\d+)|Trident\/.*rv:(\d+)/, name: 'Internet Explorer' },
];

const WINDOWS_RELEASES: Readonly<Record<string, string>> = {
  '10.0': '10',
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.2': 'XP',
  '5.1': 'XP',
};

const UNKNOWN = 'Other';
const CACHE_LIMIT = 2_000;
const cache = new Map<string, UserAgentDetails>();

/**
 * Parses a User-Agent header into device type, browser and OS families with major versions. Table
 * driven and deliberately compact: the common families, not every device. iPads in desktop mode send
 * a Mac user agent and are reported as macOS desktops; nothing in the string tells them apart.
 */
export function parseUserAgent(userAgent: string | null | undefined): UserAgentDetails {
  const text = (userAgent ?? '').trim();
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const details = Object.freeze(parse(text));
  // User agents repeat heavily within a batch; a bounded cache makes the per-event cost a lookup.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, details);
  return details;
}

function parse(text: string): UserAgentDetails {
  if (text === '') {
    return { deviceType: UNKNOWN, browser: UNKNOWN, browserVersion: undefined, os: UNKNOWN, osVersion: undefined, isBot: false };
  }
  const { name: os, version: osVersion } = parseOs(text);
  const bot = firstMatch(BOT_RULES, text);
  if (bot !== undefined) {
    return { deviceType: 'bot', browser: bot.name, browserVersion: bot.version, os, osVersion, isBot: true };
  }
  const browser = firstMatch(BROWSER_RULES, text);
  return {
    deviceType: deviceTypeOf(text, os),
    browser: browser?.name ?? UNKNOWN,
    browserVersion: browser?.version,
    os,
    osVersion,
    isBot: false,
  };
}

function firstMatch(rules: readonly Rule[], text: string): { name: string; version: string | undefined } | undefined {
  for (const rule of rules) {
    const match = rule.pattern.exec(text);
    if (match !== null) return { name: rule.name, version: match.slice(1).find((group) => group !== undefined) };
  }
  return undefined;
}

function parseOs(text: string): { name: string; version: string | undefined } {
  let match: RegExpExecArray | null;
  if ((match = /Windows NT (\d+\.\d+)/.exec(text)) !== null) {
    return { name: 'Windows', version: WINDOWS_RELEASES[match[1]] ?? match[1] };
  }
  if (/Windows/.test(text)) return { name: 'Windows', version: undefined };
  if ((match = /iPad.*? OS (\d+)[_.]/.exec(text)) !== null) return { name: 'iPadOS', version: match[1] };
  if (/iPad/.test(text)) return { name: 'iPadOS', version: undefined };
  if ((match = /(?:iPhone|iPod).*? OS (\d+)[_.]/.exec(text)) !== null) return { name: 'iOS', version: match[1] };
  if (/iPhone|iPod/.test(text)) return { name: 'iOS', version: undefined };
  if (/CrOS/.test(text)) return { name: 'ChromeOS', version: undefined };
  if ((match = /Android[ /]?(\d+)?/.exec(text)) !== null) return { name: 'Android', version: match[1] };
  if ((match = /Mac OS X (\d+)(?:[_.](\d+))?/.exec(text)) !== null) {
    const major = match[1];
    return { name: 'macOS', version: major === '10' && match[2] !== undefined ? `10.${match[2]}` : major };
  }
  if (/Macintosh/.test(text)) return { name: 'macOS', version: undefined };
  if (/Linux|X11|Ubuntu|Fedora/.test(text)) return { name: 'Linux', version: undefined };
  return { name: UNKNOWN, version: undefined };
}

function deviceTypeOf(text: string, os: string): DeviceType {
  if (os === 'iPadOS' || /Tablet|Kindle|Silk\/|PlayBook/.test(text)) return 'tablet';
  // Android phones say "Mobile"; Android tablets leave it out.
  if (os === 'Android') return /Mobile/.test(text) ? 'mobile' : 'tablet';
  if (os === 'iOS' || /Mobile|Opera Mini|IEMobile|Windows Phone/.test(text)) return 'mobile';
  if (os === 'Windows' || os === 'macOS' || os === 'Linux' || os === 'ChromeOS') return 'desktop';
  return UNKNOWN;
}
