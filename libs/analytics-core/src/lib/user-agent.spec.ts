import { parseUserAgent, UserAgentDetails } from './user-agent';

type Expected = [UserAgentDetails['deviceType'], string, string | undefined, string, string | undefined];

// [what, user agent, [device type, browser, browser major, OS, OS version]] — real strings, checked by hand.
const CASES: Array<[string, string, Expected]> = [
  [
    'Chrome on Windows 10/11',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    ['desktop', 'Chrome', '124', 'Windows', '10'],
  ],
  [
    'Edge on Windows (also says Chrome and Safari)',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
    ['desktop', 'Edge', '124', 'Windows', '10'],
  ],
  [
    'Firefox on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
    ['desktop', 'Firefox', '125', 'Windows', '10'],
  ],
  [
    'Opera on Windows (also says Chrome)',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 OPR/108.0.0.0',
    ['desktop', 'Opera', '108', 'Windows', '10'],
  ],
  [
    'Internet Explorer 11 on Windows 7',
    'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
    ['desktop', 'Internet Explorer', '11', 'Windows', '7'],
  ],
  [
    'Safari on macOS (frozen at 10_15_7)',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
    ['desktop', 'Safari', '17', 'macOS', '10.15'],
  ],
  [
    'Chrome on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    ['desktop', 'Chrome', '124', 'macOS', '10.15'],
  ],
  [
    'Firefox on macOS (dotted version)',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0',
    ['desktop', 'Firefox', '125', 'macOS', '10.15'],
  ],
  [
    'Firefox on Ubuntu',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
    ['desktop', 'Firefox', '125', 'Linux', undefined],
  ],
  [
    'Chrome on ChromeOS',
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    ['desktop', 'Chrome', '124', 'ChromeOS', undefined],
  ],
  [
    'Safari on iPhone',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
    ['mobile', 'Safari', '17', 'iOS', '17'],
  ],
  [
    'Safari on iPad',
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
    ['tablet', 'Safari', '16', 'iPadOS', '16'],
  ],
  [
    'Chrome on iPhone (CriOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
    ['mobile', 'Chrome', '124', 'iOS', '17'],
  ],
  [
    'Firefox on iPhone (FxiOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15',
    ['mobile', 'Firefox', '125', 'iOS', '17'],
  ],
  [
    'an iOS app web view (no Safari token)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    ['mobile', 'WebKit WebView', undefined, 'iOS', '17'],
  ],
  [
    'the Facebook in-app browser on iPhone',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/458.0.0.39.108;FBBV/577413592;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]',
    ['mobile', 'Facebook', '458', 'iOS', '17'],
  ],
  [
    'Chrome on Android (reduced user agent)',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    ['mobile', 'Chrome', '124', 'Android', '10'],
  ],
  [
    'Samsung Internet on a Galaxy phone',
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
    ['mobile', 'Samsung Internet', '24', 'Android', '14'],
  ],
  [
    'Chrome on an Android tablet (no Mobile token)',
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    ['tablet', 'Chrome', '124', 'Android', '13'],
  ],
  [
    'an Android WebView (wv)',
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36',
    ['mobile', 'Chrome WebView', '120', 'Android', '13'],
  ],
  [
    'Edge on Android',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 EdgA/124.0.0.0',
    ['mobile', 'Edge', '124', 'Android', '10'],
  ],
  [
    'Firefox on Android',
    'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
    ['mobile', 'Firefox', '125', 'Android', '14'],
  ],
  [
    'a phone whose model name contains "bot" (not a bot)',
    'Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    ['mobile', 'Chrome', '124', 'Android', '11'],
  ],
  [
    'Googlebot (desktop)',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ['bot', 'Googlebot', '2', 'Other', undefined],
  ],
  [
    'Googlebot smartphone (still a bot, OS kept)',
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ['bot', 'Googlebot', '2', 'Android', '6'],
  ],
  [
    'bingbot',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    ['bot', 'Bingbot', '2', 'Other', undefined],
  ],
  ['curl', 'curl/8.5.0', ['bot', 'curl', '8', 'Other', undefined]],
  ['python-requests', 'python-requests/2.31.0', ['bot', 'python-requests', '2', 'Other', undefined]],
  [
    'headless Chrome (automation)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36',
    ['bot', 'HeadlessChrome', '124', 'Linux', undefined],
  ],
  [
    'an unknown crawler with a contact URL',
    'Mozilla/5.0 (compatible; ExampleCrawler/1.0; +https://example.com/crawler)',
    ['bot', 'Other bot', undefined, 'Other', undefined],
  ],
  ['an unknown client', 'SomethingElse/1.0', ['Other', 'Other', undefined, 'Other', undefined]],
];

describe('parseUserAgent', () => {
  it.each(CASES)('recognises %s', (_what, userAgent, [deviceType, browser, browserVersion, os, osVersion]) => {
    expect(parseUserAgent(userAgent)).toEqual({
      deviceType,
      browser,
      browserVersion,
      os,
      osVersion,
      isBot: deviceType === 'bot',
    });
  });

  it('reports Other for a missing or empty user agent', () => {
    const unknown = { deviceType: 'Other', browser: 'Other', browserVersion: undefined, os: 'Other', osVersion: undefined, isBot: false };
    expect(parseUserAgent(undefined)).toEqual(unknown);
    expect(parseUserAgent('   ')).toEqual(unknown);
  });

  it('returns the same frozen result for a repeated user agent', () => {
    const first = parseUserAgent('curl/8.5.0');
    expect(parseUserAgent('curl/8.5.0')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
