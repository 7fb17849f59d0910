// The demo organization: its environments, members and teams.

export type EnvName = 'production' | 'staging' | 'development';
export const ENVIRONMENTS: ReadonlyArray<{ id: string; name: EnvName; isHidden: boolean }> = [
  { id: '1', name: 'production', isHidden: false },
  { id: '2', name: 'staging', isHidden: false },
  { id: '3', name: 'development', isHidden: true },
];

export const ORG = {
  id: '1001',
  slug: 'acme',
  name: 'Acme Corp',
  dateCreated: '2023-01-10T09:00:00.000000Z',
};

export interface UserInfo {
  id: string;
  name: string;
  email: string;
  username: string;
}

/** The person behind the demo token (member of every team except `mobile`). */
export const DEMO_USER: UserInfo = { id: '1', name: 'Lens Demo', email: 'demo@acme.example', username: 'lens-demo' };

export const ORG_MEMBERS: readonly UserInfo[] = [
  DEMO_USER,
  { id: '2', name: 'Priya Natarajan', email: 'priya@acme.example', username: 'priya' },
  { id: '3', name: 'Tomás García', email: 'tomas@acme.example', username: 'tomas' },
  { id: '4', name: 'Mei Chen', email: 'mei@acme.example', username: 'mei' },
  { id: '5', name: 'Ola Nordmann', email: 'ola@acme.example', username: 'ola' },
];

export interface TeamSpec {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
  memberCount: number;
  /** Whether the demo user belongs to the team (drives "member projects"). */
  isMember: boolean;
  projects: string[];
}

export const TEAMS: readonly TeamSpec[] = [
  {
    id: '12',
    slug: 'payments',
    name: 'Payments',
    dateCreated: '2023-01-10T09:05:00.000000Z',
    memberCount: 5,
    isMember: true,
    projects: ['checkout-api', 'payments-worker'],
  },
  {
    id: '13',
    slug: 'frontend',
    name: 'Frontend',
    dateCreated: '2023-01-11T10:00:00.000000Z',
    memberCount: 4,
    isMember: true,
    projects: ['web-frontend'],
  },
  {
    id: '14',
    slug: 'platform',
    name: 'Platform',
    dateCreated: '2023-02-01T08:30:00.000000Z',
    memberCount: 3,
    isMember: true,
    projects: ['checkout-api', 'web-frontend', 'payments-worker'],
  },
  {
    id: '15',
    slug: 'mobile',
    name: 'Mobile',
    dateCreated: '2023-03-15T12:00:00.000000Z',
    memberCount: 3,
    isMember: false,
    projects: ['mobile-app'],
  },
];
