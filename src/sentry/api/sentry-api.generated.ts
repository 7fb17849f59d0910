/**
 * GENERATED FILE: do not edit.
 *
 * Source: fake-sentry/schema/sentry-openapi-subset.json (an extract of Sentry's public OpenAPI schema; see fake-sentry/schema/SOURCE.md).
 * Command: npm run generate:api-types (openapi-typescript 7.13.0, fake-sentry/schema/generate-api-types.ts).
 * Use the names in ./index.ts, which also say where Sentry differs from this schema.
 */

export interface paths {
  '/api/0/organizations/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['getOrganization'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/issues/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationIssues'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationIssueEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/events/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/events-timeseries/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationEventsTimeseries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/sessions/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['getOrganizationSessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/stats_v2/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationStatsV2'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/projects/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationProjects'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/teams/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationTeams'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/environments/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationEnvironments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/tags/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationTags'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/releases/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationReleases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/organizations/{organization_id_or_slug}/releases/{version}/deploys/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listOrganizationReleaseDeploys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/environments/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listProjectEnvironments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/tags/{key}/values/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations["List a Tag's Values"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/releases/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listProjectReleases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}/projects/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listTeamProjects'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: never;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listOrganizations: {
    parameters: {
      query?: {
        owner?: boolean;
        cursor?: string;
        query?: string;
        sortBy?: string;
        per_page?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            features?: string[];
            extraOptions?: {
              [key: string]: {
                [key: string]: unknown;
              };
            };
            access?: string[];
            onboardingTasks?: {
              task: string | null;
              status: string;
              /** Format: date-time */
              completionSeen: string | null;
              /** Format: date-time */
              dateCompleted: string;
              data: unknown;
            }[];
            id: string;
            slug: string;
            status: {
              id: string;
              name: string;
            };
            name: string;
            /** Format: date-time */
            dateCreated: string;
            isEarlyAdopter: boolean;
            require2FA: boolean;
            avatar: {
              avatarType?: string;
              avatarUuid?: string | null;
              avatarUrl?: string | null;
            };
            links: {
              organizationUrl: string;
              regionUrl: string;
            };
            hasAuthProvider: boolean;
            allowMemberInvite: boolean;
            allowMemberProjectCreation: boolean;
            allowSuperuserAccess: boolean;
          }[];
        };
      };
    };
  };
  getOrganization: {
    parameters: {
      query?: {
        detailed?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            features?: string[];
            extraOptions?: {
              [key: string]: {
                [key: string]: unknown;
              };
            };
            access?: string[];
            onboardingTasks?: {
              task: string | null;
              status: string;
              /** Format: date-time */
              completionSeen: string | null;
              /** Format: date-time */
              dateCompleted: string;
              data: unknown;
            }[];
            id: string;
            slug: string;
            status: {
              id: string;
              name: string;
            };
            name: string;
            /** Format: date-time */
            dateCreated: string;
            isEarlyAdopter: boolean;
            require2FA: boolean;
            avatar: {
              avatarType?: string;
              avatarUuid?: string | null;
              avatarUrl?: string | null;
            };
            links: {
              organizationUrl: string;
              regionUrl: string;
            };
            hasAuthProvider: boolean;
            allowMemberInvite: boolean;
            allowMemberProjectCreation: boolean;
            allowSuperuserAccess: boolean;
          };
        };
      };
    };
  };
  listOrganizationIssues: {
    parameters: {
      query?: {
        environment?: string[];
        project?: (number | string)[];
        statsPeriod?: string;
        start?: string;
        end?: string;
        groupStatsPeriod?: '' | '14d' | '24h' | 'auto';
        shortIdLookup?: '0' | '1';
        query?: string;
        viewId?: string;
        sort?: 'date' | 'freq' | 'inbox' | 'new' | 'recommended' | 'trends' | 'user';
        limit?: number;
        expand?: (
          'inbox' | 'integrationIssues' | 'latestEventHasAttachments' | 'owners' | 'sentryAppIssues' | 'sessions'
        )[];
        collapse?: ('base' | 'filtered' | 'lifetime' | 'stats' | 'unhandled')[];
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            shareId: string | null;
            shortId: string;
            title: string;
            culprit: string | null;
            permalink: string;
            logger: string | null;
            /** @enum {string} */
            level: 'sample' | 'debug' | 'info' | 'warning' | 'error' | 'fatal' | 'unknown';
            /** @enum {string} */
            status: 'resolved' | 'ignored' | 'pending_deletion' | 'pending_merge' | 'reprocessing' | 'unresolved';
            statusDetails: {
              ignoreCount?: number;
              /** Format: date-time */
              ignoreUntil?: string;
              ignoreUserCount?: number;
              ignoreUserWindow?: number;
              ignoreWindow?: number;
              actor?: {
                identities?: {
                  id: string;
                  name: string;
                  organization: {
                    slug: string;
                    name: string;
                  };
                  provider: {
                    id: string;
                    name: string;
                  };
                  /** Format: date-time */
                  dateVerified: string;
                  /** Format: date-time */
                  dateSynced: string;
                }[];
                avatar?: {
                  avatarType?: string;
                  avatarUuid?: string | null;
                  avatarUrl?: string | null;
                };
                authenticators?: unknown[];
                canReset2fa?: boolean;
                id: string;
                name: string;
                username: string;
                email: string;
                avatarUrl: string;
                isActive: boolean;
                isSuspended: boolean;
                hasPasswordAuth: boolean;
                isManaged: boolean;
                /** Format: date-time */
                dateJoined: string;
                /** Format: date-time */
                lastLogin: string | null;
                has2fa: boolean;
                /** Format: date-time */
                lastActive: string | null;
                isSuperuser: boolean;
                isStaff: boolean;
                experiments: {
                  [key: string]: unknown;
                };
                emails: {
                  id: string;
                  email: string;
                  is_verified: boolean;
                }[];
              };
              inNextRelease?: boolean;
              inRelease?: string;
              inCommit?: string;
              pendingEvents?: number;
              info?: {
                dateCreated: string;
                syncCount: number;
                totalEvents: number;
              } | null;
            };
            /** @enum {string|null} */
            substatus:
              | 'archived_until_escalating'
              | 'archived_until_condition_met'
              | 'archived_forever'
              | 'escalating'
              | 'ongoing'
              | 'regressed'
              | 'new'
              | null;
            isPublic: boolean;
            platform: string | null;
            /** @enum {string|null} */
            priority: 'low' | 'medium' | 'high' | null;
            /** Format: date-time */
            priorityLockedAt: string | null;
            /** Format: double */
            seerFixabilityScore: number | null;
            /** Format: date-time */
            seerAutofixLastTriggered: string | null;
            /** Format: date-time */
            seerExplorerAutofixLastTriggered: string | null;
            project: {
              id: string;
              name: string;
              slug: string;
              platform: string | null;
            };
            /** @enum {string} */
            type:
              | 'default'
              | 'error'
              | 'csp'
              | 'nel'
              | 'hpkp'
              | 'expectct'
              | 'expectstaple'
              | 'transaction'
              | 'generic'
              | 'feedback';
            issueType: string;
            issueCategory: string;
            metadata: {
              [key: string]: unknown;
            };
            numComments: number;
            assignedTo: {
              /** @enum {string} */
              type: 'user' | 'team';
              id: string;
              name: string;
              email?: string;
            } | null;
            isBookmarked: boolean;
            isSubscribed: boolean;
            subscriptionDetails: {
              disabled?: boolean;
              reason?: string;
            } | null;
            hasSeen: boolean;
            annotations: {
              displayName: string;
              url: string;
            }[];
            isUnhandled: boolean;
            count: string;
            userCount: number;
            /** Format: date-time */
            firstSeen: string | null;
            /** Format: date-time */
            lastSeen: string | null;
            derivedData: {
              blocker: string;
              progress: string;
              status: string;
              viewCount: number;
              hasOpenFixPr: boolean;
              isAssigned: boolean;
              hasRootCause: boolean;
              lastCompletedAutofixStep: string;
              /** Format: date-time */
              lastProgressedAt: string | null;
            };
            stats: {
              [key: string]: unknown;
            };
            lifetime: {
              [key: string]: unknown;
            };
            filtered: {
              count: string;
              userCount: number;
              /** Format: date-time */
              firstSeen: string | null;
              /** Format: date-time */
              lastSeen: string | null;
              stats: {
                [key: string]: unknown;
              };
            } | null;
            sessionCount: number;
            inbox: {
              reason: number;
              reason_details: {
                until: string | null;
                count: number | null;
                window: number | null;
                user_count: number | null;
                user_window: number | null;
              } | null;
              /** Format: date-time */
              date_added: string;
            };
            owners: {
              type: string;
              owner: string;
              /** Format: date-time */
              date_added: string;
            };
            integrationIssues: {
              [key: string]: unknown;
            }[];
            sentryAppIssues: {
              [key: string]: unknown;
            }[];
            latestEventHasAttachments: boolean;
            matchingEventId: string | null;
            matchingEventEnvironment: string | null;
          }[];
        };
      };
    };
  };
  listOrganizationIssueEvents: {
    parameters: {
      query?: {
        start?: string;
        end?: string;
        statsPeriod?: string;
        environment?: string[];
        full?: boolean;
        sample?: boolean;
        query?: string;
        per_page?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
        issue_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            'event.type': string;
            groupID: string | null;
            eventID: string;
            projectID: string;
            message: string;
            title: string;
            location: string | null;
            culprit: string | null;
            user: {
              id?: string | null;
              email?: string | null;
              username?: string | null;
              ip_address?: string | null;
              name?: string | null;
              geo?: {
                [key: string]: string;
              } | null;
              data?: {
                [key: string]: unknown;
              } | null;
            } | null;
            tags: {
              query?: string;
              key: string;
              value: string;
            }[];
            platform: string | null;
            /** Format: date-time */
            dateCreated: string;
            crashFile: string | null;
            metadata: {
              [key: string]: unknown;
            };
          }[];
        };
      };
    };
  };
  listOrganizationEvents: {
    parameters: {
      query: {
        field: string[];
        dataset: 'errors' | 'logs' | 'profile_functions' | 'spans' | 'tracemetrics' | 'uptime_results';
        end?: string;
        environment?: string[];
        project?: (number | string)[];
        start?: string;
        statsPeriod?: string;
        per_page?: number;
        query?: string;
        sort?: string;
        allowAggregateConditions?: boolean;
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              [key: string]: unknown;
            }[];
            /**
             * @description Meta envelope emitted by `handle_results_with_meta` and the
             *     empty-projects short-circuit. Every key is optional because the path
             *     that emits it depends on flags (`standard_meta`, debug, dataset) — the
             *     no-projects path only carries `tips`, the standard path carries
             *     everything below.
             */
            meta: {
              fields?: {
                [key: string]: string;
              };
              units?: {
                [key: string]: string | null;
              };
              tips?: {
                [key: string]: string;
              };
              datasetReason?: string;
              isMetricsData?: boolean;
              isMetricsExtractedData?: boolean;
              dataset?: string;
              discoverSplitDecision?: unknown;
              dataScanned?: string;
              bytesScanned?: number;
              debug_info?: unknown;
            };
          };
        };
      };
    };
  };
  listOrganizationEventsTimeseries: {
    parameters: {
      query: {
        dataset: 'errors' | 'logs' | 'profile_functions' | 'spans' | 'tracemetrics' | 'uptime_results';
        end?: string;
        environment?: string[];
        project?: (number | string)[];
        start?: string;
        statsPeriod?: string;
        topEvents?: number;
        comparisonDelta?: number;
        interval?: number;
        sort?: string;
        groupBy?: string[];
        yAxis?: string;
        query?: string;
        disableAggregateExtrapolation?: '0' | '1';
        preventMetricAggregates?: '0' | '1';
        excludeOther?: '0' | '1';
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            meta?: {
              dataset: string;
              /** Format: double */
              start: number;
              /** Format: double */
              end: number;
            };
            timeSeries: {
              values: {
                /** Format: double */
                timestamp: number;
                /** Format: double */
                value: number;
                incomplete: boolean;
                /** Format: double */
                comparisonValue?: number;
                /** Format: double */
                sampleCount?: number;
                /** Format: double */
                sampleRate?: number | null;
                /** @enum {string|null} */
                confidence?: 'low' | 'high' | null;
                incompleteReason?: string;
              }[];
              yAxis: string;
              groupBy?: {
                key: string;
                value: string | number | (Record<string, never> | null);
              }[];
              meta: {
                order?: number;
                isOther?: boolean;
                valueUnit: string | null;
                /** @enum {string} */
                dataScanned?: 'partial' | 'full';
                valueType: string;
                /** Format: double */
                interval: number;
              };
            }[];
          };
        };
      };
    };
  };
  getOrganizationSessions: {
    parameters: {
      query: {
        field: string[];
        start?: string;
        end?: string;
        environment?: string[];
        statsPeriod?: string;
        project?: (number | string)[];
        per_page?: number;
        interval?: string;
        groupBy?: string[];
        orderBy?: string;
        includeTotals?: number;
        includeSeries?: number;
        query?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            intervals: string[];
            groups: {
              by: {
                project?: number;
                release?: string;
                environment?: string;
                'session.status'?: string;
              };
              series: {
                [key: string]: (number | null)[];
              };
              totals: {
                [key: string]: number | null;
              };
            }[];
            query: string;
          };
        };
      };
    };
  };
  listOrganizationStatsV2: {
    parameters: {
      query: {
        groupBy: ('outcome' | 'category' | 'reason' | 'project')[];
        field: 'sum(quantity)' | 'sum(times_seen)';
        statsPeriod?: string;
        interval?: string;
        start?: string;
        end?: string;
        project?: unknown[];
        category?:
          | 'error'
          | 'transaction'
          | 'attachment'
          | 'replay'
          | 'profile'
          | 'profile_duration'
          | 'profile_duration_ui'
          | 'profile_chunk'
          | 'profile_chunk_ui'
          | 'monitor';
        outcome?:
          'accepted' | 'filtered' | 'rate_limited' | 'invalid' | 'abuse' | 'client_discard' | 'cardinality_limited';
        reason?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            start: string;
            end: string;
            intervals: string[];
            groups: {
              by: {
                [key: string]: unknown;
              };
              totals: {
                [key: string]: unknown;
              };
              series: {
                [key: string]: unknown;
              };
            }[];
          };
        };
      };
    };
  };
  listOrganizationProjects: {
    parameters: {
      query?: {
        cursor?: string;
        per_page?: number;
        query?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            latestDeploys?: {
              [key: string]: {
                [key: string]: string;
              };
            } | null;
            options?: {
              [key: string]: unknown;
            };
            stats?: unknown;
            transactionStats?: unknown;
            sessionStats?: unknown;
            id: string;
            slug: string;
            name: string;
            platform: string | null;
            /** Format: date-time */
            dateCreated: string;
            isBookmarked: boolean;
            isMember: boolean;
            features: string[];
            /** Format: date-time */
            firstEvent: string | null;
            firstTransactionEvent: boolean;
            access: string[];
            hasAccess: boolean;
            hasFeedbacks: boolean;
            hasFlags: boolean;
            hasMinifiedStackTrace: boolean;
            hasMonitors: boolean;
            hasNewFeedbacks: boolean;
            hasProfiles: boolean;
            hasReplays: boolean;
            hasSessions: boolean;
            hasInsightsHttp: boolean;
            hasInsightsDb: boolean;
            hasInsightsAssets: boolean;
            hasInsightsAppStart: boolean;
            hasInsightsScreenLoad: boolean;
            hasInsightsVitals: boolean;
            hasInsightsCaches: boolean;
            hasInsightsQueues: boolean;
            hasInsightsAgentMonitoring: boolean;
            hasInsightsMCP: boolean;
            hasLogs: boolean;
            hasTraceMetrics: boolean;
            team: {
              id: string;
              name: string;
              slug: string;
            } | null;
            teams: {
              id: string;
              name: string;
              slug: string;
            }[];
            platforms: string[];
            hasUserReports: boolean;
            environments: string[];
            latestRelease: {
              version: string;
            } | null;
          }[];
        };
      };
    };
  };
  listOrganizationTeams: {
    parameters: {
      query?: {
        detailed?: string;
        cursor?: string;
        per_page?: number;
        query?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            slug: string;
            name: string;
            /** Format: date-time */
            dateCreated: string | null;
            isMember: boolean;
            teamRole: string | null;
            flags: {
              [key: string]: unknown;
            };
            access: string[];
            hasAccess: boolean;
            isPending: boolean;
            memberCount: number;
            avatar: {
              avatarType?: string;
              avatarUuid?: string | null;
              avatarUrl?: string | null;
            };
            externalTeams?: {
              externalId?: string;
              userId?: string;
              teamId?: string;
              id: string;
              provider: string;
              externalName: string;
              integrationId: string;
            }[];
            organization?: {
              features?: string[];
              extraOptions?: {
                [key: string]: {
                  [key: string]: unknown;
                };
              };
              access?: string[];
              onboardingTasks?: {
                task: string | null;
                status: string;
                /** Format: date-time */
                completionSeen: string | null;
                /** Format: date-time */
                dateCompleted: string;
                data: unknown;
              }[];
              id: string;
              slug: string;
              status: {
                id: string;
                name: string;
              };
              name: string;
              /** Format: date-time */
              dateCreated: string;
              isEarlyAdopter: boolean;
              require2FA: boolean;
              avatar: {
                avatarType?: string;
                avatarUuid?: string | null;
                avatarUrl?: string | null;
              };
              links: {
                organizationUrl: string;
                regionUrl: string;
              };
              hasAuthProvider: boolean;
              allowMemberInvite: boolean;
              allowMemberProjectCreation: boolean;
              allowSuperuserAccess: boolean;
            };
            projects?: {
              stats?: unknown;
              transactionStats?: unknown;
              sessionStats?: unknown;
              id: string;
              slug: string;
              name: string;
              platform: string | null;
              /** Format: date-time */
              dateCreated: string;
              isBookmarked: boolean;
              isMember: boolean;
              features: string[];
              /** Format: date-time */
              firstEvent: string | null;
              firstTransactionEvent: boolean;
              access: string[];
              hasAccess: boolean;
              hasFeedbacks: boolean;
              hasFlags: boolean;
              hasMinifiedStackTrace: boolean;
              hasMonitors: boolean;
              hasNewFeedbacks: boolean;
              hasProfiles: boolean;
              hasReplays: boolean;
              hasSessions: boolean;
              hasInsightsHttp: boolean;
              hasInsightsDb: boolean;
              hasInsightsAssets: boolean;
              hasInsightsAppStart: boolean;
              hasInsightsScreenLoad: boolean;
              hasInsightsVitals: boolean;
              hasInsightsCaches: boolean;
              hasInsightsQueues: boolean;
              hasInsightsAgentMonitoring: boolean;
              hasInsightsMCP: boolean;
              hasLogs: boolean;
              hasTraceMetrics: boolean;
              isInternal: boolean;
              isPublic: boolean;
              avatar: {
                avatarType?: string;
                avatarUuid?: string | null;
                avatarUrl?: string | null;
              };
              color: string;
              status: string;
            }[];
          }[];
        };
      };
    };
  };
  listOrganizationEnvironments: {
    parameters: {
      query?: {
        visibility?: 'all' | 'hidden' | 'visible';
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
          }[];
        };
      };
    };
  };
  listOrganizationTags: {
    parameters: {
      query?: {
        project?: (number | string)[];
        environment?: string[];
        statsPeriod?: string;
        start?: string;
        end?: string;
        dataset?: 'discover' | 'events' | 'replays' | 'search_issues';
        use_cache?: '0' | '1';
        useFlagsBackend?: '0' | '1';
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            uniqueValues?: number | null;
            totalValues?: number | null;
            topValues?:
              | {
                  query?: string | null;
                  key: string;
                  name: string;
                  value: string | null;
                  count: number | null;
                  lastSeen: string | null;
                  firstSeen: string | null;
                }[]
              | null;
            key: string;
            name: string;
          }[];
        };
      };
    };
  };
  listOrganizationReleases: {
    parameters: {
      query?: {
        project?: (number | string)[];
        environment?: string[];
        query?: string;
        per_page?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ref?: string | null;
            url?: string | null;
            /** Format: date-time */
            dateReleased?: string | null;
            /** Format: date-time */
            dateCreated?: string | null;
            /** Format: date-time */
            dateStarted?: string | null;
            owner?: {
              [key: string]: unknown;
            } | null;
            lastCommit?: {
              [key: string]: unknown;
            } | null;
            lastDeploy?: {
              dateStarted?: string | null;
              url?: string | null;
              id: string;
              environment: string;
              dateFinished: string;
              name: string;
            } | null;
            /** Format: date-time */
            firstEvent?: string | null;
            /** Format: date-time */
            lastEvent?: string | null;
            currentProjectMeta?: {
              [key: string]: unknown;
            } | null;
            userAgent?: string | null;
            adoptionStages?: {
              [key: string]: unknown;
            } | null;
            id: number;
            version: string;
            newGroups: number;
            status: string;
            shortVersion: string;
            versionInfo: {
              description?: string;
              package: string | null;
              version: {
                [key: string]: unknown;
              };
              buildHash: string | null;
            } | null;
            data: {
              [key: string]: unknown;
            };
            commitCount: number;
            deployCount: number;
            authors: (
              | {
                  identities?: {
                    id: string;
                    name: string;
                    organization: {
                      slug: string;
                      name: string;
                    };
                    provider: {
                      id: string;
                      name: string;
                    };
                    /** Format: date-time */
                    dateVerified: string;
                    /** Format: date-time */
                    dateSynced: string;
                  }[];
                  avatar?: {
                    avatarType?: string;
                    avatarUuid?: string | null;
                    avatarUrl?: string | null;
                  };
                  authenticators?: unknown[];
                  canReset2fa?: boolean;
                  id: string;
                  name: string;
                  username: string;
                  email: string;
                  avatarUrl: string;
                  isActive: boolean;
                  isSuspended: boolean;
                  hasPasswordAuth: boolean;
                  isManaged: boolean;
                  /** Format: date-time */
                  dateJoined: string;
                  /** Format: date-time */
                  lastLogin: string | null;
                  has2fa: boolean;
                  /** Format: date-time */
                  lastActive: string | null;
                  isSuperuser: boolean;
                  isStaff: boolean;
                  experiments: {
                    [key: string]: unknown;
                  };
                  emails: {
                    id: string;
                    email: string;
                    is_verified: boolean;
                  }[];
                }
              | {
                  name: string | null;
                  email: string;
                }
            )[];
            projects: {
              healthData?: {
                /** Format: double */
                durationP50?: number | null;
                /** Format: double */
                durationP90?: number | null;
                /** Format: double */
                crashFreeUsers?: number | null;
                /** Format: double */
                crashFreeSessions?: number | null;
                totalUsers?: number | null;
                totalUsers24h?: number | null;
                totalProjectUsers24h?: number | null;
                totalSessions?: number | null;
                totalSessions24h?: number | null;
                totalProjectSessions24h?: number | null;
                /** Format: double */
                adoption?: number | null;
                /** Format: double */
                sessionsAdoption?: number | null;
                sessionsCrashed: number;
                sessionsErrored: number;
                hasHealthData: boolean;
                stats: {
                  [key: string]: unknown;
                };
              } | null;
              /** Format: date-time */
              dateReleased?: string | null;
              /** Format: date-time */
              dateCreated?: string | null;
              /** Format: date-time */
              dateStarted?: string | null;
              id: number;
              slug: string;
              name: string;
              platform: string | null;
              platforms: string[] | null;
              hasHealthData: boolean;
              newGroups: number;
            }[];
          }[];
        };
      };
    };
  };
  listOrganizationReleaseDeploys: {
    parameters: {
      query?: {
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The ID of the deploy */
            id: string;
            /** @description The environment name */
            environment: string;
            /**
             * Format: date-time
             * @description An optional date that indicates when the deploy started
             */
            dateStarted: string | null;
            /**
             * Format: date-time
             * @description An optional date that indicates when the deploy ended
             */
            dateFinished: string;
            /** @description The optional name of the deploy */
            name: string | null;
            /**
             * Format: uri
             * @description The optional URL that points to the deploy
             */
            url: string | null;
          }[];
        };
      };
    };
  };
  listProjectEnvironments: {
    parameters: {
      query?: {
        visibility?: 'all' | 'hidden' | 'visible';
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
        project_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            isHidden: boolean;
          }[];
        };
      };
    };
  };
  "List a Tag's Values": {
    parameters: {
      query?: {
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
        project_id_or_slug: string;
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: string;
          }[];
        };
      };
    };
  };
  listProjectReleases: {
    parameters: {
      query?: {
        environment?: string[];
        query?: string;
        per_page?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
        project_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ref?: string | null;
            url?: string | null;
            /** Format: date-time */
            dateReleased?: string | null;
            /** Format: date-time */
            dateCreated?: string | null;
            /** Format: date-time */
            dateStarted?: string | null;
            owner?: {
              [key: string]: unknown;
            } | null;
            lastCommit?: {
              [key: string]: unknown;
            } | null;
            lastDeploy?: {
              dateStarted?: string | null;
              url?: string | null;
              id: string;
              environment: string;
              dateFinished: string;
              name: string;
            } | null;
            /** Format: date-time */
            firstEvent?: string | null;
            /** Format: date-time */
            lastEvent?: string | null;
            currentProjectMeta?: {
              [key: string]: unknown;
            } | null;
            userAgent?: string | null;
            adoptionStages?: {
              [key: string]: unknown;
            } | null;
            id: number;
            version: string;
            newGroups: number;
            status: string;
            shortVersion: string;
            versionInfo: {
              description?: string;
              package: string | null;
              version: {
                [key: string]: unknown;
              };
              buildHash: string | null;
            } | null;
            data: {
              [key: string]: unknown;
            };
            commitCount: number;
            deployCount: number;
            authors: (
              | {
                  identities?: {
                    id: string;
                    name: string;
                    organization: {
                      slug: string;
                      name: string;
                    };
                    provider: {
                      id: string;
                      name: string;
                    };
                    /** Format: date-time */
                    dateVerified: string;
                    /** Format: date-time */
                    dateSynced: string;
                  }[];
                  avatar?: {
                    avatarType?: string;
                    avatarUuid?: string | null;
                    avatarUrl?: string | null;
                  };
                  authenticators?: unknown[];
                  canReset2fa?: boolean;
                  id: string;
                  name: string;
                  username: string;
                  email: string;
                  avatarUrl: string;
                  isActive: boolean;
                  isSuspended: boolean;
                  hasPasswordAuth: boolean;
                  isManaged: boolean;
                  /** Format: date-time */
                  dateJoined: string;
                  /** Format: date-time */
                  lastLogin: string | null;
                  has2fa: boolean;
                  /** Format: date-time */
                  lastActive: string | null;
                  isSuperuser: boolean;
                  isStaff: boolean;
                  experiments: {
                    [key: string]: unknown;
                  };
                  emails: {
                    id: string;
                    email: string;
                    is_verified: boolean;
                  }[];
                }
              | {
                  name: string | null;
                  email: string;
                }
            )[];
            projects: {
              healthData?: {
                /** Format: double */
                durationP50?: number | null;
                /** Format: double */
                durationP90?: number | null;
                /** Format: double */
                crashFreeUsers?: number | null;
                /** Format: double */
                crashFreeSessions?: number | null;
                totalUsers?: number | null;
                totalUsers24h?: number | null;
                totalProjectUsers24h?: number | null;
                totalSessions?: number | null;
                totalSessions24h?: number | null;
                totalProjectSessions24h?: number | null;
                /** Format: double */
                adoption?: number | null;
                /** Format: double */
                sessionsAdoption?: number | null;
                sessionsCrashed: number;
                sessionsErrored: number;
                hasHealthData: boolean;
                stats: {
                  [key: string]: unknown;
                };
              } | null;
              /** Format: date-time */
              dateReleased?: string | null;
              /** Format: date-time */
              dateCreated?: string | null;
              /** Format: date-time */
              dateStarted?: string | null;
              id: number;
              slug: string;
              name: string;
              platform: string | null;
              platforms: string[] | null;
              hasHealthData: boolean;
              newGroups: number;
            }[];
          }[];
        };
      };
    };
  };
  listTeamProjects: {
    parameters: {
      query?: {
        cursor?: string;
      };
      header?: never;
      path: {
        organization_id_or_slug: string;
        team_id_or_slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            latestDeploys?: {
              [key: string]: {
                [key: string]: string;
              };
            } | null;
            options?: {
              [key: string]: unknown;
            };
            stats?: unknown;
            transactionStats?: unknown;
            sessionStats?: unknown;
            id: string;
            slug: string;
            name: string;
            platform: string | null;
            /** Format: date-time */
            dateCreated: string;
            isBookmarked: boolean;
            isMember: boolean;
            features: string[];
            /** Format: date-time */
            firstEvent: string | null;
            firstTransactionEvent: boolean;
            access: string[];
            hasAccess: boolean;
            hasFeedbacks: boolean;
            hasFlags: boolean;
            hasMinifiedStackTrace: boolean;
            hasMonitors: boolean;
            hasNewFeedbacks: boolean;
            hasProfiles: boolean;
            hasReplays: boolean;
            hasSessions: boolean;
            hasInsightsHttp: boolean;
            hasInsightsDb: boolean;
            hasInsightsAssets: boolean;
            hasInsightsAppStart: boolean;
            hasInsightsScreenLoad: boolean;
            hasInsightsVitals: boolean;
            hasInsightsCaches: boolean;
            hasInsightsQueues: boolean;
            hasInsightsAgentMonitoring: boolean;
            hasInsightsMCP: boolean;
            hasLogs: boolean;
            hasTraceMetrics: boolean;
            team: {
              id: string;
              name: string;
              slug: string;
            } | null;
            teams: {
              id: string;
              name: string;
              slug: string;
            }[];
            platforms: string[];
            hasUserReports: boolean;
            environments: string[];
            latestRelease: {
              version: string;
            } | null;
          }[];
        };
      };
    };
  };
}
