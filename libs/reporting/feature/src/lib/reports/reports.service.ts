import { Inject, Injectable } from '@nestjs/common';
import { badRequest } from '@pulse/observability';
import { ReportRepository, ReportRunRepository, type ReportDefinition, type StoredReport } from '@pulse/reporting-data-access';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import { REPORT_FILE_STORE, type ReportFileStore } from '../files/report-file-store';
import { REPORT_GENERATION_OPTIONS, type ReportGenerationOptions } from '../generation/report-generation-options';
import type { ReportDto, ReportResponse, ReportSectionDto } from './report.dto';
import { toReportDefinition } from './report-definition';

/** Report definitions of the authenticated tenant: null answers "no such report of yours" (404). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly runs: ReportRunRepository,
    @Inject(REPORT_FILE_STORE) private readonly files: ReportFileStore,
    @Inject(REPORT_GENERATION_OPTIONS) private readonly options: Pick<ReportGenerationOptions, 'now'>,
  ) {}

  async create(tenant: AuthenticatedTenant, body: ReportDto): Promise<ReportResponse> {
    return toReportResponse(await this.reports.create(tenant.id, this.definitionOf(tenant, body)));
  }

  async list(tenant: AuthenticatedTenant): Promise<ReportResponse[]> {
    return (await this.reports.list(tenant.id)).map(toReportResponse);
  }

  async find(tenant: AuthenticatedTenant, id: string): Promise<ReportResponse | null> {
    const report = await this.reports.find(tenant.id, id);
    return report ? toReportResponse(report) : null;
  }

  async replace(tenant: AuthenticatedTenant, id: string, body: ReportDto): Promise<ReportResponse | null> {
    const report = await this.reports.replace(tenant.id, id, this.definitionOf(tenant, body));
    return report ? toReportResponse(report) : null;
  }

  /** Deletes the report, its runs (cascade) and their files. */
  async delete(tenant: AuthenticatedTenant, id: string): Promise<boolean> {
    const fileKeys = await this.runs.fileKeys(tenant.id, id);
    if (!(await this.reports.delete(tenant.id, id))) return false;
    for (const key of fileKeys) await this.files.remove(key);
    return true;
  }

  private definitionOf(tenant: AuthenticatedTenant, body: ReportDto): ReportDefinition {
    // The DTO's section queries are class instances: stored (and re-validated at generation) as plain JSON.
    const sections = body.sections && (JSON.parse(JSON.stringify(body.sections)) as ReportDefinition['sections']);
    const result = toReportDefinition({ ...body, sections }, tenant.timeZone, this.options.now());
    if (!result.ok) throw badRequest(result.issues);
    return result.definition;
  }
}

export function toReportResponse(report: StoredReport): ReportResponse {
  return {
    id: report.id,
    name: report.name,
    description: report.description,
    type: report.type,
    format: report.format,
    period: report.period,
    from: report.rangeFrom,
    to: report.rangeTo,
    sections: report.sections as ReportSectionDto[],
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
  };
}
