import { Module } from '@nestjs/common';
import { copyCapablePool, DATA_SOURCE, ExportCopyQueries, ExportPageQueries, type SqlExecutor } from '@pulse/storage';
import type { DataSource } from 'typeorm';
import { TenancyModule } from '@pulse/tenancy';
import { ExportController } from './export.controller';
import { DEFAULT_EXPORT_PAGE_ROWS, EXPORT_COPY, EXPORT_PAGE_ROWS, ExportService } from './export.service';

/** `GET /v1/export`, scoped by secret key. */
@Module({
  imports: [TenancyModule],
  controllers: [ExportController],
  providers: [
    { provide: ExportPageQueries, useFactory: (dataSource: SqlExecutor) => new ExportPageQueries(dataSource), inject: [DATA_SOURCE] },
    { provide: EXPORT_PAGE_ROWS, useValue: DEFAULT_EXPORT_PAGE_ROWS },
    // The one place the export path is chosen: COPY on a PostgreSQL server, keyset pages on the embedded store.
    {
      provide: EXPORT_COPY,
      useFactory: (dataSource: DataSource) => {
        const pool = copyCapablePool(dataSource);
        return pool ? new ExportCopyQueries(pool) : null;
      },
      inject: [DATA_SOURCE],
    },
    ExportService,
  ],
})
export class ExportModule {}
