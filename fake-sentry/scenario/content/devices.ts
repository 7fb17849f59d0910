// Browsers, operating systems and mobile devices seen in events' tags (with their weights).

export const BROWSERS = [
  { name: 'Chrome', version: '126.0.0', weight: 55 },
  { name: 'Safari', version: '17.5', weight: 22 },
  { name: 'Firefox', version: '127.0', weight: 10 },
  { name: 'Edge', version: '126.0.0', weight: 8 },
  { name: 'Samsung Internet', version: '25.0', weight: 5 },
];
export const DESKTOP_OS = [
  { name: 'Windows', version: '10', weight: 45 },
  { name: 'Mac OS X', version: '14.5', weight: 25 },
  { name: 'iOS', version: '17.5', weight: 15 },
  { name: 'Android', version: '14', weight: 12 },
  { name: 'Linux', version: '', weight: 3 },
];
export const MOBILE_DEVICES = [
  { os: 'iOS', osVersion: '17.5', device: 'iPhone15,2', family: 'iOS', weight: 30 },
  { os: 'iOS', osVersion: '16.7', device: 'iPhone13,3', family: 'iOS', weight: 15 },
  { os: 'Android', osVersion: '14', device: 'Pixel 8', family: 'Android', weight: 20 },
  { os: 'Android', osVersion: '13', device: 'SM-S911B', family: 'Android', weight: 25 },
  { os: 'Android', osVersion: '12', device: 'Redmi Note 11', family: 'Android', weight: 10 },
];
