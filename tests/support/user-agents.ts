/**
 * Real user-agent strings as sent in 2024–2026, with what a hit from each must count as.
 * Shared by the classification and device tests.
 */
export interface AgentCase {
  name: string;
  ua: string;
  /** null = a person's click that counts. */
  reason: 'bot' | 'preview' | null;
  device?: 'mobile' | 'tablet' | 'desktop';
}

export const PEOPLE: AgentCase[] = [
  { name: 'Safari on iPhone', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1' },
  { name: 'Chrome on iPhone', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1' },
  { name: 'Safari on iPad', device: 'tablet', reason: null, ua: 'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1' },
  { name: 'Chrome on Android', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36' },
  { name: 'Samsung Internet', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36' },
  { name: 'Firefox on Android', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0' },
  { name: 'Chrome on an Android tablet', device: 'tablet', reason: null, ua: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' },
  { name: 'Chrome on Windows', device: 'desktop', reason: null, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' },
  { name: 'Edge on Windows', device: 'desktop', reason: null, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.51' },
  { name: 'Firefox on Windows', device: 'desktop', reason: null, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' },
  { name: 'Safari on macOS', device: 'desktop', reason: null, ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15' },
  { name: 'Firefox on Linux', device: 'desktop', reason: null, ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' },
  { name: 'Instagram in-app on iPhone', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 339.0.3.12.91 (iPhone14,5; iOS 17_5; en_US; en; scale=3.00; 1170x2532; 619461904)' },
  { name: 'Instagram in-app on Android', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (Linux; Android 13; SM-S908B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 Instagram 339.0.0.30.105 Android (33/13; 480dpi; 1080x2316; samsung; SM-S908B; b0s; exynos2200; en_US; 620095245)' },
  { name: 'TikTok in-app on iPhone', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_34.1.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US ByteFullLocale/en-US isDarkMode/0 WKWebView/1 RevealType/Dialog BytedanceWebview/d8a21c6' },
  { name: 'TikTok in-app on Android', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (Linux; Android 12; SM-A525F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 trill_2023203030 JsSdk/1.0 NetType/MOBILE Channel/googleplay AppName/trill app_version/32.3.3 ByteLocale/en ByteFullLocale/en Region/US Spark/1.4.6.3-bugfix AppVersion/32.3.3 BytedanceWebview/d8a21c6' },
  { name: 'Facebook in-app on iPhone', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.47.106;FBBV/615839530;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/617497389]' },
  { name: 'Facebook in-app on Android', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240705.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/474.0.0.52.74;]' },
  { name: 'Snapchat in-app on iPhone', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/13.10.0.40 (like Safari/8618.2.12.10.5, panda)' },
  { name: 'LinkedIn in-app on iPhone', device: 'mobile', reason: null, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1234' },
];

export const FETCHERS: AgentCase[] = [
  { name: 'Slack unfurl', reason: 'preview', ua: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' },
  { name: 'Slack image proxy', reason: 'preview', ua: 'Slack-ImgProxy (+https://api.slack.com/robots)' },
  { name: 'Facebook crawler', reason: 'preview', ua: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' },
  { name: 'X/Twitter card fetcher', reason: 'preview', ua: 'Twitterbot/1.0' },
  { name: 'Discord embed', reason: 'preview', ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.10; rv:38.0) Gecko/20100101 Firefox/38.0 (compatible; Discordbot/2.0; +https://discordapp.com)' },
  { name: 'WhatsApp on Android', reason: 'preview', ua: 'WhatsApp/2.23.20.0 A' },
  { name: 'WhatsApp on iPhone', reason: 'preview', ua: 'WhatsApp/2.24.10.78 i' },
  { name: 'Telegram', reason: 'preview', ua: 'TelegramBot (like TwitterBot)' },
  { name: 'LinkedIn', reason: 'preview', ua: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)' },
  { name: 'iMessage', reason: 'preview', ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0' },
  { name: 'Mastodon instance', reason: 'preview', ua: 'http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)' },
  { name: 'Mastodon 4.3 instance', reason: 'preview', ua: 'Mastodon/4.3.0 (http.rb/5.2.0; +https://fosstodon.org/) Bot' },
  { name: 'Bluesky card fetcher', reason: 'preview', ua: 'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)' },
  { name: 'Skype/Teams preview', reason: 'preview', ua: 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com' },
  { name: 'Googlebot', reason: 'bot', ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
  { name: 'Googlebot smartphone', reason: 'bot', ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
  { name: 'Bingbot', reason: 'bot', ua: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' },
  { name: 'GPTBot', reason: 'bot', ua: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)' },
  { name: 'AhrefsBot', reason: 'bot', ua: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)' },
  { name: 'Headless Chrome', reason: 'bot', ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36' },
  { name: 'curl', reason: 'bot', ua: 'curl/8.5.0' },
  { name: 'python-requests', reason: 'bot', ua: 'python-requests/2.31.0' },
  { name: 'no user agent', reason: 'bot', ua: '' },
];
