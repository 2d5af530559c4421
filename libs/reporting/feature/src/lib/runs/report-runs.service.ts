import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ReportRepository, ReportRunRepository, type StoredReportRun } from '@pulse/reporting-data-access';
import type { AuthenticatedTenant } from '@pulse/tenancy';
import type { Readable } from 'node:stream';
import { REPORT_FILE_STORE, type ReportFileStore } from '../files/report-file-store';
import { REPORT_GENERATION_OPTIONS, type ReportGenerationOptions } from '../generation/report-generation-options';
import { ReportGenerationWorker } from '../generation/report-generation-worker';
import { reportRunRange } from '../reports/report-definition';
import type { ReportRunResponse } from './report-run.dto';

export interface ReportDownload {
  file: Readable;
  fileName: string;
  contentType: string;
}

/** Runs of the authenticated tenant's reports: queue one, read them, download a finished one's file. Null: no such report or run of yours. */
@Injectable()
export class ReportRunsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly runs: ReportRunRepository,
    private readonly worker: ReportGenerationWorker,
    @Inject(REPORT_FILE_STORE) private readonly files: ReportFileStore,
    @Inject(REPORT_GENERATION_OPTIONS) private readonly options: Pick<ReportGenerationOptions, 'now'>,
  ) {}

  /** Queues a run over the days the report covers now (a relative period resolved in the tenant's zone). */
  async generate(tenant: AuthenticatedTenant, reportId: string): Promise<ReportRunResponse | null> {
    const report = await this.reports.find(tenant.id, reportId);
    if (!report) return null;
    const range = reportRunRange(report, tenant.timeZone, this.options.now());
    const run = await this.runs.enqueue({
      tenantId: tenant.id,
      reportId: report.id,
      format: report.format,
      rangeFrom: range.from,
      rangeTo: range.to,
    });
    this.worker.notify();
    return toRunResponse(run);
  }

  async list(tenant: AuthenticatedTenant, reportId: string): Promise<ReportRunResponse[] | null> {
    if (!(await this.reports.find(tenant.id, reportId))) return null;
    return (await this.runs.list(tenant.id, reportId)).map(toRunResponse);
  }

  async find(tenant: AuthenticatedTenant, reportId: string, runId: string): Promise<ReportRunResponse | null> {
    const run = await this.runs.find(tenant.id, reportId, runId);
    return run ? toRunResponse(run) : null;
  }

  /** The finished run's file; 409 while it is not completed. */
  async download(tenant: AuthenticatedTenant, reportId: string, runId: string): Promise<ReportDownload | null> {
    const run = await this.runs.find(tenant.id, reportId, runId);
    if (!run) return null;
    if (run.status !== 'completed' || !run.fileKey || !run.fileName || !run.contentType) {
      throw new ConflictException(`Run ${runId} is ${run.status}: only a completed run has a file`);
    }
    return { file: await this.files.read(run.fileKey), fileName: run.fileName, contentType: run.contentType };
  }
}

function toRunResponse(run: StoredReportRun): ReportRunResponse {
  return {
    id: run.id,
    reportId: run.reportId,
    status: run.status,
    progress: run.progress,
    error: run.error,
    format: run.format,
    from: run.rangeFrom,
    to: run.rangeTo,
    fileName: run.fileName,
    fileSize: run.fileSize,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    completedAt: run.completedAt?.toISOString() ?? null,
    scheduleId: run.scheduleId,
    occurrenceAt: run.occurrenceAt?.toISOString() ?? null,
  };
}
