// Random issue templates per platform (the projects' long tail of issues).

import type { Rng } from '../../prng';
import { javascriptTemplate, reactNativeTemplate } from './client-issues';
import type { IssueTemplate } from './issue-template';
import { nodeTemplate, pythonTemplate } from './server-issues';

/** One random issue template for a platform; callers de-duplicate titles. */
export function randomIssueTemplate(platform: string, rng: Rng): IssueTemplate {
  switch (platform) {
    case 'node':
      return nodeTemplate(rng);
    case 'javascript':
      return javascriptTemplate(rng);
    case 'python':
      return pythonTemplate(rng);
    default:
      return reactNativeTemplate(rng);
  }
}
