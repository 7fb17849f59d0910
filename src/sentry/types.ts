/**
 * The parts of Sentry's API objects the core reads. Everything is optional where Sentry may leave it out
 * (self-hosted versions, expand/collapse), so converters must handle absence.
 */

export interface SentryOrganization {
  id: string;
  slug: string;
  name: string;
  links?: { organizationUrl?: string; regionUrl?: string };
}

export interface SentryProject {
  id: string;
  slug: string;
  name: string;
  platform?: string | null;
  environments?: string[];
  teams?: Array<{ id: string; slug: string; name: string }>;
}

export interface SentryIssueAssignee {
  type?: 'user' | 'team';
  id?: string;
  name?: string;
  email?: string;
}

export interface SentryIssue {
  id: string;
  shortId?: string;
  title?: string;
  culprit?: string | null;
  level?: string;
  status?: string;
  substatus?: string | null;
  priority?: string | null;
  permalink?: string;
  /** A string in Sentry's payloads. */
  count?: string | number;
  userCount?: number;
  firstSeen?: string | null;
  lastSeen?: string | null;
  project?: { id: string; slug: string; name?: string };
  assignedTo?: SentryIssueAssignee | null;
  /** Counts with the search's event-level conditions applied; null when the search has none. */
  filtered?: { count?: string | number; userCount?: number } | null;
  lifetime?: {
    count?: string | number;
    userCount?: number;
    firstSeen?: string | null;
    lastSeen?: string | null;
  } | null;
}
