export interface TargetResult {
  what: string;
  limit: string;
  measured: string | undefined;
  met: boolean | undefined;
}
export function targetResults(results: object): TargetResult[];
export function targetsTable(results: object): string;
