import { Inject, Injectable } from '@nestjs/common';
import { localDayRange, type LocalDayRange } from '@pulse/analytics-core';
import { ReportRepository, ReportRunRepository, type StoredReport, type StoredReportRun } from '@pulse/reporting-data-access';
import { TenantRepository } from '@pulse/storage';
import { REPORT_FILE_STORE, type ReportFileStore } from '../files/report-file-store';
import { REPORT_FORMAT_WRITERS, type ReportFormat } from '../formats/report-formats';
import { ReportingMetrics } from '../reporting-metrics';
import type { ReportHeading, ReportSectionTable } from './report-content';
import { REPORT_GENERATION_OPTIONS, type ReportGenerationOptions } from './report-generation-options';
import { ReportSectionReader, type ReportTenant } from './report-section-reader';

/**
 * Generates one claimed run: reads its sections one after the other, streams them through the format's
 * writer into the file store, then marks the run completed with its file. Whatever throws ends the run
 * `failed` with the reason; nothing is left `generating`.
 */
@Injectable()
export class ReportGenerator {
  constructor(
    private readonly reports: ReportRepository,
    private readonly runs: ReportRunRepository,
    private readonly tenants: TenantRepository,
    private readonly sections: ReportSectionReader,
    @Inject(REPORT_FILE_STORE) private readonly files: ReportFileStore,
    @Inject(REPORT_GENERATION_OPTIONS) private readonly options: ReportGenerationOptions,
    private readonly metrics: ReportingMetrics,
  ) {}

  async generate(run: StoredReportRun): Promise<void> {
    const started = performance.now();
    const finished = (outcome: 'completed' | 'failed', recorded: boolean) => {
      // Not recorded: the lease ran out and another worker owns the run; its outcome is the one counted.
      if (recorded) this.metrics.runFinished(run.format, outcome, (performance.now() - started) / 1000);
    };
    try {
      if (run.attempts > this.options.maxAttempts) throw new Error(`abandoned: ${this.options.maxAttempts} workers stopped before finishing it`);
      const report = await this.reports.find(run.tenantId, run.reportId);
      const tenant = await this.tenants.findById(run.tenantId);
      if (!report || !tenant) throw new Error('the report or its tenant no longer exists');
      const writer = REPORT_FORMAT_WRITERS[run.format as ReportFormat];
      if (!writer) throw new Error(`unknown format ${run.format}`);
      const range = localDayRange(run.rangeFrom, run.rangeTo, tenant.timeZone);
      const heading: ReportHeading = {
        reportId: report.id,
        runId: run.id,
        name: report.name,
        type: report.type,
        from: run.rangeFrom,
        to: run.rangeTo,
        timeZone: tenant.timeZone,
        generatedAt: this.options.now(),
      };
      const fileKey = `${run.tenantId}/${run.reportId}/${run.id}.${writer.extension}`;
      const { size } = await this.files.write(fileKey, writer.write(heading, this.sectionTables(run, report, tenant, range)));
      const file = { fileKey, fileName: reportFileName(report.name, run, writer.extension), contentType: writer.contentType, fileSize: size };
      // False when the lease ran out and another worker took the run over: its outcome counts, and the file is rewritten by it.
      finished('completed', await this.runs.complete(run, file, this.options.now()));
    } catch (error) {
      const recorded = await this.runs.fail(run, error instanceof Error ? error.message : String(error), this.options.now());
      finished('failed', recorded);
      // A run a GDPR erase queued again still names its old file, which may list the erased person: it must not outlive a failed regeneration.
      if (recorded && run.fileKey) await this.files.remove(run.fileKey).catch(() => undefined);
    }
  }

  /** The sections' tables as each is answered, recording progress (and renewing the lease) after each. */
  private async *sectionTables(
    run: StoredReportRun,
    report: StoredReport,
    tenant: ReportTenant,
    range: LocalDayRange,
  ): AsyncGenerator<ReportSectionTable> {
    for (const [index, section] of report.sections.entries()) {
      yield await this.sections.read(tenant, section, range);
      const now = this.options.now();
      const progress = Math.floor(((index + 1) * 99) / report.sections.length);
      if (!(await this.runs.reportProgress(run, progress, new Date(now.getTime() + this.options.leaseMs)))) {
        throw new Error('the run was taken over by another worker');
      }
    }
  }
}

/** `weekly-sales_2026-03-01_2026-03-07.csv`: the report's name made safe for a file name, and its days. */
export function reportFileName(name: string, run: Pick<StoredReportRun, 'rangeFrom' | 'rangeTo'>, extension: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'report';
  return `${base}_${run.rangeFrom}_${run.rangeTo}.${extension}`;
}
