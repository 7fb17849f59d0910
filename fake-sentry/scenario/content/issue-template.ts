// The shape of an issue's title, culprit and frame, and the two ways to make one (an exception or a log message).

export interface IssueTemplate {
  type: 'error' | 'default';
  level: 'fatal' | 'error' | 'warning' | 'info';
  title: string;
  errorType: string;
  errorValue: string;
  culprit: string;
  filename: string;
  functionName: string;
  isUnhandled: boolean;
  logger: string | null;
}

export function errorTemplate(
  errorType: string,
  errorValue: string,
  culprit: string,
  filename: string,
  functionName: string,
  opts: Partial<IssueTemplate> = {}
): IssueTemplate {
  return {
    type: 'error',
    level: 'error',
    title: `${errorType}: ${errorValue}`,
    errorType,
    errorValue,
    culprit,
    filename,
    functionName,
    isUnhandled: false,
    logger: null,
    ...opts,
  };
}

export function messageTemplate(
  message: string,
  culprit: string,
  level: IssueTemplate['level'],
  logger: string
): IssueTemplate {
  return {
    type: 'default',
    level,
    title: message,
    errorType: '',
    errorValue: message,
    culprit,
    filename: '',
    functionName: '',
    isUnhandled: false,
    logger,
  };
}
